# washboard figure chat/cap-logic: raw score against the capabilities score.
# Generated from data/report.json; the data is also in chat/cap-logic.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/cap-logic.gp
reset
set encoding utf8
set title 'Logic' . "\n" . 'Spearman ρ = 96.4% · n = 7 · tracks capabilities' textcolor rgb '#1b1d21'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Accuracy'
$points << EOD
# x y
-3.513205484221875 0.408
-2.385593158548831 0.483
-1.4331260178690644 0.505
0.33052011320313457 0.539
1.1376489455723586 0.622
2.083071759416429 0.665
3.7806838424478473 0.663
EOD
$fit << EOD
# x fitted_y
-3.513205484221875 0.4264415167088869
-2.385593158548831 0.4677041559083127
-1.4331260178690644 0.5025577195670107
0.33052011320313457 0.5670946994536566
1.1376489455723586 0.5966299085314988
2.083071759416429 0.6312256996295336
3.7806838424478473 0.6933463002011007
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
set label 'what capabilities predict' at first 3.7806838424478473, first 0.7034586597516624 center font ',8' textcolor rgb '#D55E00' front
set label 'Large Chat' at first 3.855187153706126, first 0.663 left font ',8' textcolor rgb '#333333' front
set label 'Eve `id` @x $(id) \n' at first 2.008568448158151, first 0.665 right font ',8' textcolor rgb '#333333' front
set label 'A model with a very long na…' at first 1.0631456343140808, first 0.622 right font ',8' textcolor rgb '#333333' front
set label 'Mid Chat' at first 0.4050234244614135, first 0.539 left font ',8' textcolor rgb '#333333' front
set label 'Ünïcode 模型 – ok' at first -1.4927286668756863, first 0.5128651685393258 right font ',8' textcolor rgb '#333333' front
set label 'Small Chat' at first -3.438702172963597, first 0.408 left font ',8' textcolor rgb '#333333' front
set label 'O''Brien Chat' at first -2.4600964698071093, first 0.483 right font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/cap-logic.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Logic' . "\n" . 'Spearman ρ = 96.4% · n = 7 · tracks capabilities' textcolor rgb '#e6e8eb'
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
set label 'what capabilities predict' at first 3.7806838424478473, first 0.7034586597516624 center font ',8' textcolor rgb '#D55E00' front
set label 'Large Chat' at first 3.855187153706126, first 0.663 left font ',8' textcolor rgb '#c9ced6' front
set label 'Eve `id` @x $(id) \n' at first 2.008568448158151, first 0.665 right font ',8' textcolor rgb '#c9ced6' front
set label 'A model with a very long na…' at first 1.0631456343140808, first 0.622 right font ',8' textcolor rgb '#c9ced6' front
set label 'Mid Chat' at first 0.4050234244614135, first 0.539 left font ',8' textcolor rgb '#c9ced6' front
set label 'Ünïcode 模型 – ok' at first -1.4927286668756863, first 0.5128651685393258 right font ',8' textcolor rgb '#c9ced6' front
set label 'Small Chat' at first -3.438702172963597, first 0.408 left font ',8' textcolor rgb '#c9ced6' front
set label 'O''Brien Chat' at first -2.4600964698071093, first 0.483 right font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'chat/dark/cap-logic.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output
