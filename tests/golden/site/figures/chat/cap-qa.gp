# washboard figure chat/cap-qa: raw score against the capabilities score.
# Generated from data/report.json; the data is also in chat/cap-qa.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/cap-qa.gp
reset
set encoding utf8
set title 'QA' . "\n" . 'Spearman ρ = 100.0% · n = 7 · tracks capabilities' textcolor rgb '#1b1d21'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Accuracy'
$points << EOD
# x y
-3.513205484221875 0.412
-2.385593158548831 0.439
-1.4331260178690644 0.511
0.33052011320313457 0.544
1.1376489455723586 0.588
2.083071759416429 0.657
3.7806838424478473 0.708
EOD
$fit << EOD
# x fitted_y
-3.513205484221875 0.40532455115335825
-2.385593158548831 0.4521728232959347
-1.4331260178690644 0.49174443740257723
0.33052011320313457 0.5650176466700942
1.1376489455723586 0.5985509722041017
2.083071759416429 0.637829919644066
3.7806838424478473 0.708359649629868
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
set label 'what capabilities predict' at first 3.7806838424478473, first 0.7184720091804297 center font ',8' textcolor rgb '#D55E00' front
set label 'Large Chat' at first 3.8402864914544708, first 0.7001348314606741 left font ',8' textcolor rgb '#333333' front
set label 'Eve `id` @x $(id) \n' at first 2.008568448158151, first 0.657 right font ',8' textcolor rgb '#333333' front
set label 'A model with a very long na…' at first 1.2121522568306364, first 0.588 left font ',8' textcolor rgb '#333333' front
set label 'Mid Chat' at first 0.4050234244614135, first 0.544 left font ',8' textcolor rgb '#333333' front
set label 'Ünïcode 模型 – ok' at first -1.507629329127342, first 0.511 right font ',8' textcolor rgb '#333333' front
set label 'O''Brien Chat' at first -2.3110898472905532, first 0.439 left font ',8' textcolor rgb '#333333' front
set arrow from first -3.513205484221875, first 0.41874157303370785 to first -3.513205484221875, first 0.4311011235955056 nohead lw 0.8 lc rgb '#888888' back
set label 'Small Chat' at first -3.513205484221875, first 0.43671910112359547 center font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/cap-qa.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'QA' . "\n" . 'Spearman ρ = 100.0% · n = 7 · tracks capabilities' textcolor rgb '#e6e8eb'
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
set label 'what capabilities predict' at first 3.7806838424478473, first 0.7184720091804297 center font ',8' textcolor rgb '#D55E00' front
set label 'Large Chat' at first 3.8402864914544708, first 0.7001348314606741 left font ',8' textcolor rgb '#c9ced6' front
set label 'Eve `id` @x $(id) \n' at first 2.008568448158151, first 0.657 right font ',8' textcolor rgb '#c9ced6' front
set label 'A model with a very long na…' at first 1.2121522568306364, first 0.588 left font ',8' textcolor rgb '#c9ced6' front
set label 'Mid Chat' at first 0.4050234244614135, first 0.544 left font ',8' textcolor rgb '#c9ced6' front
set label 'Ünïcode 模型 – ok' at first -1.507629329127342, first 0.511 right font ',8' textcolor rgb '#c9ced6' front
set label 'O''Brien Chat' at first -2.3110898472905532, first 0.439 left font ',8' textcolor rgb '#c9ced6' front
set arrow from first -3.513205484221875, first 0.41874157303370785 to first -3.513205484221875, first 0.4311011235955056 nohead lw 0.8 lc rgb '#888888' back
set label 'Small Chat' at first -3.513205484221875, first 0.43671910112359547 center font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'chat/dark/cap-qa.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output
