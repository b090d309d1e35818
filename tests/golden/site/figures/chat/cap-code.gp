# washboard figure chat/cap-code: raw score against the capabilities score.
# Generated from data/report.json; the data is also in chat/cap-code.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/cap-code.gp
reset
set encoding utf8
set title 'Code' . "\n" . 'Spearman ρ = 96.4% · n = 7 · tracks capabilities' textcolor rgb '#1b1d21'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Accuracy'
$points << EOD
# x y
-3.513205484221875 0.461
-2.385593158548831 0.481
-1.4331260178690644 0.508
0.33052011320313457 0.551
1.1376489455723586 0.627
2.083071759416429 0.604
3.7806838424478473 0.692
EOD
$fit << EOD
# x fitted_y
-3.513205484221875 0.4489557541248771
-2.385593158548831 0.48478036239487055
-1.4331260178690644 0.5150405514935724
0.33052011320313457 0.571072159462064
1.1376489455723586 0.5967149035015866
2.083071759416429 0.6267512920584986
3.7806838424478473 0.6806849769645308
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
set yrange [0.4:0.75]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.7210811934412247, first 0.6875669994364408 right font ',8' textcolor rgb '#D55E00' front
set label 'Large Chat' at first 3.855187153706126, first 0.692 left font ',8' textcolor rgb '#333333' front
set label 'Eve `id` @x $(id) \n' at first 2.1575750706747066, first 0.604 left font ',8' textcolor rgb '#333333' front
set label 'A model with a very long na…' at first 1.0631456343140808, first 0.627 right font ',8' textcolor rgb '#333333' front
set label 'Mid Chat' at first 0.4050234244614135, first 0.551 left font ',8' textcolor rgb '#333333' front
set label 'Ünïcode 模型 – ok' at first -1.3586227066107859, first 0.508 left font ',8' textcolor rgb '#333333' front
set label 'Small Chat' at first -3.513205484221875, first 0.4698483146067416 center font ',8' textcolor rgb '#333333' front
set label 'O''Brien Chat' at first -2.3259905095422084, first 0.4741179775280899 left font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/cap-code.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Code' . "\n" . 'Spearman ρ = 96.4% · n = 7 · tracks capabilities' textcolor rgb '#e6e8eb'
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
set yrange [0.4:0.75]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.7210811934412247, first 0.6875669994364408 right font ',8' textcolor rgb '#D55E00' front
set label 'Large Chat' at first 3.855187153706126, first 0.692 left font ',8' textcolor rgb '#c9ced6' front
set label 'Eve `id` @x $(id) \n' at first 2.1575750706747066, first 0.604 left font ',8' textcolor rgb '#c9ced6' front
set label 'A model with a very long na…' at first 1.0631456343140808, first 0.627 right font ',8' textcolor rgb '#c9ced6' front
set label 'Mid Chat' at first 0.4050234244614135, first 0.551 left font ',8' textcolor rgb '#c9ced6' front
set label 'Ünïcode 模型 – ok' at first -1.3586227066107859, first 0.508 left font ',8' textcolor rgb '#c9ced6' front
set label 'Small Chat' at first -3.513205484221875, first 0.4698483146067416 center font ',8' textcolor rgb '#c9ced6' front
set label 'O''Brien Chat' at first -2.3259905095422084, first 0.4741179775280899 left font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'chat/dark/cap-code.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output
