# washboard figure chat/calib-qa: raw score against the capabilities score.
# Generated from data/report.json; the data is also in chat/calib-qa.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/calib-qa.gp
reset
set encoding utf8
set title 'Calibration (QA)' . "\n" . 'Spearman ρ = 100.0% · n = 7 · tracks capabilities (judged by ρ = 100.0% with cap-qa)' textcolor rgb '#1b1d21'
set xlabel 'capabilities score (first principal component)'
set ylabel '1 - RMS calibration error'
$points << EOD
# x y
-3.513205484221875 0.6944
-2.385593158548831 0.7215
-1.4331260178690644 0.7761
0.33052011320313457 0.7942
1.1376489455723586 0.8389
2.083071759416429 0.8818
3.7806838424478473 0.9212
EOD
$fit << EOD
# x fitted_y
-3.513205484221875 0.6933861063686918
-2.385593158548831 0.7288937643058959
-1.4331260178690644 0.7588862330450947
0.33052011320313457 0.8144221137007154
1.1376489455723586 0.8398379892090957
2.083071759416429 0.8696086374325153
3.7806838424478473 0.9230651559379914
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
set yrange [0.65:0.95]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.7806838424478473, first 0.9306494256009128 center font ',8' textcolor rgb '#D55E00' front
set label 'Large Chat' at first 3.855187153706126, first 0.9212 left font ',8' textcolor rgb '#333333' front
set label 'Eve `id` @x $(id) \n' at first 2.008568448158151, first 0.8818 right font ',8' textcolor rgb '#333333' front
set label 'A model with a very long na…' at first 1.1972515945789803, first 0.8330011235955056 left font ',8' textcolor rgb '#333333' front
set label 'Mid Chat' at first 0.4050234244614135, first 0.7942 left font ',8' textcolor rgb '#333333' front
set label 'Ünïcode 模型 – ok' at first -1.507629329127342, first 0.7761 right font ',8' textcolor rgb '#333333' front
set label 'O''Brien Chat' at first -2.3110898472905532, first 0.7215 left font ',8' textcolor rgb '#333333' front
set label 'Small Chat' at first -3.513205484221875, first 0.6868157303370787 center font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/calib-qa.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Calibration (QA)' . "\n" . 'Spearman ρ = 100.0% · n = 7 · tracks capabilities (judged by ρ = 100.0% with cap-qa)' textcolor rgb '#e6e8eb'
set xlabel 'capabilities score (first principal component)'
set ylabel '1 - RMS calibration error'
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
set yrange [0.65:0.95]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.7806838424478473, first 0.9306494256009128 center font ',8' textcolor rgb '#D55E00' front
set label 'Large Chat' at first 3.855187153706126, first 0.9212 left font ',8' textcolor rgb '#c9ced6' front
set label 'Eve `id` @x $(id) \n' at first 2.008568448158151, first 0.8818 right font ',8' textcolor rgb '#c9ced6' front
set label 'A model with a very long na…' at first 1.1972515945789803, first 0.8330011235955056 left font ',8' textcolor rgb '#c9ced6' front
set label 'Mid Chat' at first 0.4050234244614135, first 0.7942 left font ',8' textcolor rgb '#c9ced6' front
set label 'Ünïcode 模型 – ok' at first -1.507629329127342, first 0.7761 right font ',8' textcolor rgb '#c9ced6' front
set label 'O''Brien Chat' at first -2.3110898472905532, first 0.7215 left font ',8' textcolor rgb '#c9ced6' front
set label 'Small Chat' at first -3.513205484221875, first 0.6868157303370787 center font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'chat/dark/calib-qa.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output
