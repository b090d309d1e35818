# washboard figure chat/sycophancy: raw score against the capabilities score.
# Generated from data/report.json; the data is also in chat/sycophancy.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/sycophancy.gp
reset
set encoding utf8
set title 'Sycophancy' . "\n" . 'Spearman ρ = -78.6% · n = 7 · worsens with capabilities' textcolor rgb '#1b1d21'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Sycophancy rate (lower is better)'
$points << EOD
# x y
-3.513205484221875 0.537
-2.385593158548831 0.54
-1.4331260178690644 0.513
0.33052011320313457 0.596
1.1376489455723586 0.635
2.083071759416429 0.584
3.7806838424478473 0.638
EOD
$fit << EOD
# x fitted_y
-3.513205484221875 0.5217102257637345
-2.385593158548831 0.5396396583277477
-1.4331260178690644 0.5547842208510985
0.33052011320313457 0.5828268146166179
1.1376489455723586 0.5956604469217607
2.083071759416429 0.6106930021709056
3.7806838424478473 0.637685631348135
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
set yrange [0.5:0.66]
set xtics 1
set ytics 0.02
set label 'what capabilities predict' at first 3.7210811934412247, first 0.6408316987638654 right font ',8' textcolor rgb '#7B3294' front
set label 'Large Chat' at first 3.855187153706126, first 0.638 left font ',8' textcolor rgb '#333333' front
set label 'Eve `id` @x $(id) \n' at first 2.1575750706747066, first 0.584 left font ',8' textcolor rgb '#333333' front
set label 'A model with a very long na…' at first 1.2121522568306364, first 0.635 left font ',8' textcolor rgb '#333333' front
set label 'Mid Chat' at first 0.256016801944857, first 0.596 right font ',8' textcolor rgb '#333333' front
set label 'Ünïcode 模型 – ok' at first -1.3586227066107859, first 0.513 left font ',8' textcolor rgb '#333333' front
set label 'Small Chat' at first -3.513205484221875, first 0.5410449438202247 center font ',8' textcolor rgb '#333333' front
set label 'O''Brien Chat' at first -2.3259905095422084, first 0.5368539325842697 left font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/sycophancy.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#7B3294' title 'what capabilities predict'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Sycophancy' . "\n" . 'Spearman ρ = -78.6% · n = 7 · worsens with capabilities' textcolor rgb '#e6e8eb'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Sycophancy rate (lower is better)'
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
set yrange [0.5:0.66]
set xtics 1
set ytics 0.02
set label 'what capabilities predict' at first 3.7210811934412247, first 0.6408316987638654 right font ',8' textcolor rgb '#7B3294' front
set label 'Large Chat' at first 3.855187153706126, first 0.638 left font ',8' textcolor rgb '#c9ced6' front
set label 'Eve `id` @x $(id) \n' at first 2.1575750706747066, first 0.584 left font ',8' textcolor rgb '#c9ced6' front
set label 'A model with a very long na…' at first 1.2121522568306364, first 0.635 left font ',8' textcolor rgb '#c9ced6' front
set label 'Mid Chat' at first 0.256016801944857, first 0.596 right font ',8' textcolor rgb '#c9ced6' front
set label 'Ünïcode 模型 – ok' at first -1.3586227066107859, first 0.513 left font ',8' textcolor rgb '#c9ced6' front
set label 'Small Chat' at first -3.513205484221875, first 0.5410449438202247 center font ',8' textcolor rgb '#c9ced6' front
set label 'O''Brien Chat' at first -2.3259905095422084, first 0.5368539325842697 left font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'chat/dark/sycophancy.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#7B3294' title 'what capabilities predict'
unset output
