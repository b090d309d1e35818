# washboard figure chat/cap-math: raw score against the capabilities score.
# Generated from data/report.json; the data is also in chat/cap-math.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/cap-math.gp
reset
set encoding utf8
set title 'Math' . "\n" . 'Spearman ρ = 96.4% · n = 7 · tracks capabilities' textcolor rgb '#1b1d21'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Accuracy'
$points << EOD
# x y
-3.513205484221875 0.425
-2.385593158548831 0.455
-1.4331260178690644 0.496
0.33052011320313457 0.592
1.1376489455723586 0.579
2.083071759416429 0.649
3.7806838424478473 0.713
EOD
$fit << EOD
# x fitted_y
-3.513205484221875 0.4172375733754653
-2.385593158548831 0.4625547944699279
-1.4331260178690644 0.500833166403857
0.33052011320313457 0.5717117297491876
1.1376489455723586 0.6041491507629742
2.083071759416429 0.642144420686215
3.7806838424478473 0.7103691645523729
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
set label 'what capabilities predict' at first 3.7210811934412247, first 0.7182343330916987 right font ',8' textcolor rgb '#D55E00' front
set label 'Large Chat' at first 3.855187153706126, first 0.713 left font ',8' textcolor rgb '#333333' front
set label 'Eve `id` @x $(id) \n' at first 2.008568448158151, first 0.649 right font ',8' textcolor rgb '#333333' front
set label 'A model with a very long na…' at first 1.2121522568306364, first 0.579 left font ',8' textcolor rgb '#333333' front
set label 'Mid Chat' at first 0.256016801944857, first 0.592 right font ',8' textcolor rgb '#333333' front
set label 'Ünïcode 模型 – ok' at first -1.373523368862441, first 0.48813483146067416 left font ',8' textcolor rgb '#333333' front
set arrow from first -3.513205484221875, first 0.43174157303370786 to first -3.513205484221875, first 0.44410112359550563 nohead lw 0.8 lc rgb '#888888' back
set label 'Small Chat' at first -3.513205484221875, first 0.4497191011235955 center font ',8' textcolor rgb '#333333' front
set label 'O''Brien Chat' at first -2.3110898472905532, first 0.455 left font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/cap-math.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Math' . "\n" . 'Spearman ρ = 96.4% · n = 7 · tracks capabilities' textcolor rgb '#e6e8eb'
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
set label 'what capabilities predict' at first 3.7210811934412247, first 0.7182343330916987 right font ',8' textcolor rgb '#D55E00' front
set label 'Large Chat' at first 3.855187153706126, first 0.713 left font ',8' textcolor rgb '#c9ced6' front
set label 'Eve `id` @x $(id) \n' at first 2.008568448158151, first 0.649 right font ',8' textcolor rgb '#c9ced6' front
set label 'A model with a very long na…' at first 1.2121522568306364, first 0.579 left font ',8' textcolor rgb '#c9ced6' front
set label 'Mid Chat' at first 0.256016801944857, first 0.592 right font ',8' textcolor rgb '#c9ced6' front
set label 'Ünïcode 模型 – ok' at first -1.373523368862441, first 0.48813483146067416 left font ',8' textcolor rgb '#c9ced6' front
set arrow from first -3.513205484221875, first 0.43174157303370786 to first -3.513205484221875, first 0.44410112359550563 nohead lw 0.8 lc rgb '#888888' back
set label 'Small Chat' at first -3.513205484221875, first 0.4497191011235955 center font ',8' textcolor rgb '#c9ced6' front
set label 'O''Brien Chat' at first -2.3110898472905532, first 0.455 left font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'chat/dark/cap-math.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output
