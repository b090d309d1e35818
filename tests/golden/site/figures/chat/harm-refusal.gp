# washboard figure chat/harm-refusal: raw score against the capabilities score.
# Generated from data/report.json; the data is also in chat/harm-refusal.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/harm-refusal.gp
reset
set encoding utf8
set title 'Harm & <Refusal> "quoted"' . "\n" . 'Spearman ρ = 99.1% · n = 7 · tracks capabilities' textcolor rgb '#1b1d21'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Refusal rate'
$points << EOD
# x y
-3.513205484221875 0.575
-2.385593158548831 0.628
-1.4331260178690644 0.701
0.33052011320313457 0.701
1.1376489455723586 0.721
2.083071759416429 0.798
3.7806838424478473 0.849
EOD
$fit << EOD
# x fitted_y
-3.513205484221875 0.587743716450631
-2.385593158548831 0.627121132678585
-1.4331260178690644 0.6603822936184587
0.33052011320313457 0.7219706837068688
1.1376489455723586 0.7501564770492883
2.083071759416429 0.783171642638154
3.7806838424478473 0.8424540538580141
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
set yrange [0.55:0.9]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.7210811934412247, first 0.8493360763299242 right font ',8' textcolor rgb '#D55E00' front
set label 'Large Chat' at first 3.855187153706126, first 0.849 left font ',8' textcolor rgb '#333333' front
set label 'Eve `id` @x $(id) \n' at first 2.008568448158151, first 0.798 right font ',8' textcolor rgb '#333333' front
set label 'A model with a very long na…' at first 1.2121522568306364, first 0.721 left font ',8' textcolor rgb '#333333' front
set label 'Mid Chat' at first 0.4050234244614135, first 0.701 left font ',8' textcolor rgb '#333333' front
set label 'Ünïcode 模型 – ok' at first -1.507629329127342, first 0.701 right font ',8' textcolor rgb '#333333' front
set label 'Small Chat' at first -3.438702172963597, first 0.575 left font ',8' textcolor rgb '#333333' front
set label 'O''Brien Chat' at first -2.3259905095422084, first 0.62111797752809 left font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/harm-refusal.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Harm & <Refusal> "quoted"' . "\n" . 'Spearman ρ = 99.1% · n = 7 · tracks capabilities' textcolor rgb '#e6e8eb'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Refusal rate'
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
set yrange [0.55:0.9]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.7210811934412247, first 0.8493360763299242 right font ',8' textcolor rgb '#D55E00' front
set label 'Large Chat' at first 3.855187153706126, first 0.849 left font ',8' textcolor rgb '#c9ced6' front
set label 'Eve `id` @x $(id) \n' at first 2.008568448158151, first 0.798 right font ',8' textcolor rgb '#c9ced6' front
set label 'A model with a very long na…' at first 1.2121522568306364, first 0.721 left font ',8' textcolor rgb '#c9ced6' front
set label 'Mid Chat' at first 0.4050234244614135, first 0.701 left font ',8' textcolor rgb '#c9ced6' front
set label 'Ünïcode 模型 – ok' at first -1.507629329127342, first 0.701 right font ',8' textcolor rgb '#c9ced6' front
set label 'Small Chat' at first -3.438702172963597, first 0.575 left font ',8' textcolor rgb '#c9ced6' front
set label 'O''Brien Chat' at first -2.3259905095422084, first 0.62111797752809 left font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'chat/dark/harm-refusal.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output
