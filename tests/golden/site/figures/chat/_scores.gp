# washboard figure chat/_scores: capabilities score per model.
# Generated from data/report.json; the data is also in chat/_scores.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/_scores.gp
reset
set encoding utf8
$scores << EOD
# row score colour
0 3.7806838424478473 29362
1 2.083071759416429 29362
2 1.1376489455723586 29362
3 0.33052011320313457 29362
4 -1.4331260178690644 15113984
5 -2.385593158548831 15113984
6 -3.513205484221875 15113984
EOD
set border 3 lc rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid back lc rgb '#e6e6e6' lw 1 dt solid
set key noautotitle textcolor rgb '#333333'
set title 'Capabilities score' . "\n" . 'Chat models · PC1 of 6 capability benchmarks (95.9 % of variance)' textcolor rgb '#1b1d21'
set yrange [6.6:-0.6]
set grid noytics
set ytics scale 0 font ',9' ('Large Chat' 0, 'Eve `id` @x $(id) \n' 1, 'A model with a very long name that the figu…' 2, 'Mid Chat' 3, 'Ünïcode 模型 – ok' 4, 'O''Brien Chat' 5, 'Small Chat' 6)
set yzeroaxis lt 1 lc rgb '#555555'
set offsets graph 0.03, graph 0.03, 0, 0
set xlabel 'capabilities score (0 = cohort average)'

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/_scores.svg'
plot $scores using ($2 < 0 ? $2 : 0):1:($2 < 0 ? $2 : 0):($2 > 0 ? $2 : 0):($1 - 0.36):($1 + 0.36):3 with boxxyerror fillstyle solid 0.9 noborder lc rgb variable
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set border 3 lc rgb '#8b929c'
set tics nomirror out scale 0.6 textcolor rgb '#c9ced6'
set grid back lc rgb '#2a2e35' lw 1 dt solid
set key noautotitle textcolor rgb '#c9ced6'
set title 'Capabilities score' . "\n" . 'Chat models · PC1 of 6 capability benchmarks (95.9 % of variance)' textcolor rgb '#e6e8eb'
set yrange [6.6:-0.6]
set grid noytics
set ytics scale 0 font ',9' ('Large Chat' 0, 'Eve `id` @x $(id) \n' 1, 'A model with a very long name that the figu…' 2, 'Mid Chat' 3, 'Ünïcode 模型 – ok' 4, 'O''Brien Chat' 5, 'Small Chat' 6)
set yzeroaxis lt 1 lc rgb '#8b929c'
set offsets graph 0.03, graph 0.03, 0, 0
set xlabel 'capabilities score (0 = cohort average)'
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'chat/dark/_scores.svg'
plot $scores using ($2 < 0 ? $2 : 0):1:($2 < 0 ? $2 : 0):($2 > 0 ? $2 : 0):($1 - 0.36):($1 + 0.36):3 with boxxyerror fillstyle solid 0.9 noborder lc rgb variable
unset output
