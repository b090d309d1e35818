# washboard figure chat/hazard: raw score against the capabilities score.
# Generated from data/report.json; the data is also in chat/hazard.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/hazard.gp
reset
set encoding utf8
set title 'Hazardous knowledge' . "\n" . 'Spearman ρ = -100.0% · n = 6 · worsens with capabilities' textcolor rgb '#1b1d21'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Accuracy (lower is safer, negated)'
$points << EOD
# x y
-3.513205484221875 0.75
-2.385593158548831 0.727
0.33052011320313457 0.651
1.1376489455723586 0.605
2.083071759416429 0.598
3.7806838424478473 0.579
EOD
$fit << EOD
# x fitted_y
-3.513205484221875 0.7476383468839607
-2.385593158548831 0.7187958297853958
0.33052011320313457 0.6493220029226163
1.1376489455723586 0.6286769402372124
2.083071759416429 0.6044945390228632
3.7806838424478473 0.5610723411479517
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
set yrange [0.5:0.8]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.7806838424478473, first 0.5534880714850303 center font ',8' textcolor rgb '#7B3294' front
set label 'Large Chat' at first 3.855187153706126, first 0.579 left font ',8' textcolor rgb '#333333' front
set label 'Eve `id` @x $(id) \n' at first 2.023469110409806, first 0.5921011235955056 right font ',8' textcolor rgb '#333333' front
set label 'A model with a very long na…' at first 1.0631456343140808, first 0.605 right font ',8' textcolor rgb '#333333' front
set label 'Mid Chat' at first 0.3901227622097574, first 0.6568988764044944 left font ',8' textcolor rgb '#333333' front
set label 'O''Brien Chat' at first -2.3110898472905532, first 0.727 left font ',8' textcolor rgb '#333333' front
set label 'Small Chat' at first -3.513205484221875, first 0.7575842696629214 center font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/hazard.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#7B3294' title 'what capabilities predict'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Hazardous knowledge' . "\n" . 'Spearman ρ = -100.0% · n = 6 · worsens with capabilities' textcolor rgb '#e6e8eb'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Accuracy (lower is safer, negated)'
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
set yrange [0.5:0.8]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.7806838424478473, first 0.5534880714850303 center font ',8' textcolor rgb '#7B3294' front
set label 'Large Chat' at first 3.855187153706126, first 0.579 left font ',8' textcolor rgb '#c9ced6' front
set label 'Eve `id` @x $(id) \n' at first 2.023469110409806, first 0.5921011235955056 right font ',8' textcolor rgb '#c9ced6' front
set label 'A model with a very long na…' at first 1.0631456343140808, first 0.605 right font ',8' textcolor rgb '#c9ced6' front
set label 'Mid Chat' at first 0.3901227622097574, first 0.6568988764044944 left font ',8' textcolor rgb '#c9ced6' front
set label 'O''Brien Chat' at first -2.3110898472905532, first 0.727 left font ',8' textcolor rgb '#c9ced6' front
set label 'Small Chat' at first -3.513205484221875, first 0.7575842696629214 center font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'chat/dark/hazard.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#7B3294' title 'what capabilities predict'
unset output
