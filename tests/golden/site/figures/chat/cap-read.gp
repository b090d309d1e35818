# washboard figure chat/cap-read: raw score against the capabilities score.
# Generated from data/report.json; the data is also in chat/cap-read.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/cap-read.gp
reset
set encoding utf8
set title 'Reading' . "\n" . 'Spearman ρ = 100.0% · n = 7 · tracks capabilities' textcolor rgb '#1b1d21'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Accuracy'
$points << EOD
# x y
-3.513205484221875 0.383
-2.385593158548831 0.466
-1.4331260178690644 0.513
0.33052011320313457 0.605
1.1376489455723586 0.619
2.083071759416429 0.652
3.7806838424478473 0.705
EOD
$fit << EOD
# x fitted_y
-3.513205484221875 0.4113462593736179
-2.385593158548831 0.4601133476878019
-1.4331260178690644 0.5013057398853279
0.33052011320313457 0.5775800805170968
1.1376489455723586 0.612486867320425
2.083071759416429 0.653374605780945
3.7806838424478473 0.7267930994347856
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
set yrange [0.35:0.75]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.7806838424478473, first 0.7369054589853474 center font ',8' textcolor rgb '#D55E00' front
set label 'Large Chat' at first 3.855187153706126, first 0.705 left font ',8' textcolor rgb '#333333' front
set label 'Eve `id` @x $(id) \n' at first 2.1426744084230513, first 0.6441348314606742 left font ',8' textcolor rgb '#333333' front
set label 'A model with a very long na…' at first 1.0631456343140808, first 0.619 right font ',8' textcolor rgb '#333333' front
set label 'Mid Chat' at first 0.256016801944857, first 0.605 right font ',8' textcolor rgb '#333333' front
set label 'Ünïcode 模型 – ok' at first -1.507629329127342, first 0.513 right font ',8' textcolor rgb '#333333' front
set label 'Small Chat' at first -3.438702172963597, first 0.383 left font ',8' textcolor rgb '#333333' front
set label 'O''Brien Chat' at first -2.4600964698071093, first 0.466 right font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/cap-read.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Reading' . "\n" . 'Spearman ρ = 100.0% · n = 7 · tracks capabilities' textcolor rgb '#e6e8eb'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Accuracy'
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
set yrange [0.35:0.75]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.7806838424478473, first 0.7369054589853474 center font ',8' textcolor rgb '#D55E00' front
set label 'Large Chat' at first 3.855187153706126, first 0.705 left font ',8' textcolor rgb '#c9ced6' front
set label 'Eve `id` @x $(id) \n' at first 2.1426744084230513, first 0.6441348314606742 left font ',8' textcolor rgb '#c9ced6' front
set label 'A model with a very long na…' at first 1.0631456343140808, first 0.619 right font ',8' textcolor rgb '#c9ced6' front
set label 'Mid Chat' at first 0.256016801944857, first 0.605 right font ',8' textcolor rgb '#c9ced6' front
set label 'Ünïcode 模型 – ok' at first -1.507629329127342, first 0.513 right font ',8' textcolor rgb '#c9ced6' front
set label 'Small Chat' at first -3.438702172963597, first 0.383 left font ',8' textcolor rgb '#c9ced6' front
set label 'O''Brien Chat' at first -2.4600964698071093, first 0.466 right font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'chat/dark/cap-read.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output
