# washboard figure chat/hazard: raw score against the capabilities score.
# Generated from data/report.json; the data is also in chat/hazard.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/hazard.gp
reset
set encoding utf8
set title 'Hazardous knowledge' . "\n" . 'Spearman ρ = -1.00 · n = 6 · worsens with capabilities' textcolor rgb '#000000'
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
set label 'what capabilities predict' at first 3.7061805311895695, first 0.5610723411479517 right font ',8' textcolor rgb '#7B3294' front
set label 'A model with a very long na…' at first 1.0631456343140808, first 0.605 right font ',8' textcolor rgb '#333333' front
set label 'Large Chat' at first 3.855187153706126, first 0.579 left font ',8' textcolor rgb '#333333' front
set label 'O''Brien Chat' at first -2.3110898472905532, first 0.727 left font ',8' textcolor rgb '#333333' front
set label 'Eve `id` @x $(id) \n' at first 2.1575750706747066, first 0.598 left font ',8' textcolor rgb '#333333' front
set label 'Small Chat' at first -3.438702172963597, first 0.75 left font ',8' textcolor rgb '#333333' front
set label 'Mid Chat' at first 0.4050234244614135, first 0.651 left font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/hazard.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#7B3294' title 'what capabilities predict'
unset output
