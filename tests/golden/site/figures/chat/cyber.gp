# washboard figure chat/cyber: raw score against the capabilities score.
# Generated from data/report.json; the data is also in chat/cyber.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/cyber.gp
reset
set encoding utf8
set title 'Cyber refusal' . "\n" . 'Spearman ρ = 63.8% · n = 6 · tracks capabilities' textcolor rgb '#1b1d21'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Score'
$points << EOD
# x y
-3.513205484221875 0.386
-2.385593158548831 0.41
0.33052011320313457 0.438
1.1376489455723586 0.482
2.083071759416429 0.482
3.7806838424478473 0.428
EOD
$fit << EOD
# x fitted_y
-3.513205484221875 0.40247424209025046
-2.385593158548831 0.4130506757349157
0.33052011320313457 0.43852644531993945
1.1376489455723586 0.4460969057910539
2.083071759416429 0.4549644939054408
3.7806838424478473 0.47088723715839964
EOD
set border 3 lc rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid back lc rgb '#e6e6e6' lw 1 dt solid
set key noautotitle textcolor rgb '#333333'
unset key
set lmargin at screen 0.1222
set rmargin at screen 0.9611
set tmargin at screen 0.8583
set bmargin at screen 0.1167
set xrange [-4:5]
set yrange [0.38:0.5]
set xtics 1
set ytics 0.02
set label 'what capabilities predict' at first 3.7806838424478473, first 0.4739209450235682 center font ',8' textcolor rgb '#D55E00' front
set label 'Large Chat' at first 3.855187153706126, first 0.428 left font ',8' textcolor rgb '#333333' front
set label 'Eve `id` @x $(id) \n' at first 2.1575750706747066, first 0.482 left font ',8' textcolor rgb '#333333' front
set label 'A model with a very long na…' at first 1.0631456343140808, first 0.482 right font ',8' textcolor rgb '#333333' front
set label 'Mid Chat' at first 0.3901227622097574, first 0.43564044943820224 left font ',8' textcolor rgb '#333333' front
set label 'O''Brien Chat' at first -2.3110898472905532, first 0.41 left font ',8' textcolor rgb '#333333' front
set label 'Small Chat' at first -3.438702172963597, first 0.386 left font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/cyber.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Cyber refusal' . "\n" . 'Spearman ρ = 63.8% · n = 6 · tracks capabilities' textcolor rgb '#e6e8eb'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Score'
set border 3 lc rgb '#8b929c'
set tics nomirror out scale 0.6 textcolor rgb '#c9ced6'
set grid back lc rgb '#2a2e35' lw 1 dt solid
set key noautotitle textcolor rgb '#c9ced6'
unset key
set lmargin at screen 0.1222
set rmargin at screen 0.9611
set tmargin at screen 0.8583
set bmargin at screen 0.1167
set xrange [-4:5]
set yrange [0.38:0.5]
set xtics 1
set ytics 0.02
set label 'what capabilities predict' at first 3.7806838424478473, first 0.4739209450235682 center font ',8' textcolor rgb '#D55E00' front
set label 'Large Chat' at first 3.855187153706126, first 0.428 left font ',8' textcolor rgb '#c9ced6' front
set label 'Eve `id` @x $(id) \n' at first 2.1575750706747066, first 0.482 left font ',8' textcolor rgb '#c9ced6' front
set label 'A model with a very long na…' at first 1.0631456343140808, first 0.482 right font ',8' textcolor rgb '#c9ced6' front
set label 'Mid Chat' at first 0.3901227622097574, first 0.43564044943820224 left font ',8' textcolor rgb '#c9ced6' front
set label 'O''Brien Chat' at first -2.3110898472905532, first 0.41 left font ',8' textcolor rgb '#c9ced6' front
set label 'Small Chat' at first -3.438702172963597, first 0.386 left font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'chat/dark/cyber.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output
