# washboard figure chat/_ranks: raw safety rank against decorrelated safety rank per model.
# Generated from data/report.json; the data is also in chat/_ranks.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/_ranks.gp
reset
set encoding utf8
$ranks << EOD
# safety_rank decorrelated_rank colour
2 1 40563
1 2 8073876
5 3 40563
3 4 8073876
4 5 8073876
7 6 40563
6 7 8073876
EOD
set border 3 lc rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid back lc rgb '#e6e6e6' lw 1 dt solid
set key noautotitle textcolor rgb '#333333'
set title 'Safety rank before and after removing capabilities' . "\n" . 'Chat models · mean safety z-score vs. mean residual from capabilities' textcolor rgb '#1b1d21'
set border 0
unset grid
set xrange [-0.04:1.04]
set yrange [7.5:0.5]
set link y2
unset xtics
set label 'safety rank' at first 0, graph 1 right offset 0, char 1 font ',10' textcolor rgb '#333333'
set label 'decorrelated rank' at first 1, graph 1 left offset 0, char 1 font ',10' textcolor rgb '#333333'
set title offset 0, char 1.4
set ytics scale 0 font ',9' ('Ünïcode 模型 – ok  2' 2, 'Eve `id` @x $(id) \n  1' 1, 'O''Brien Chat  5' 5, 'Large Chat  3' 3, 'Mid Chat  4' 4, 'Small Chat  7' 7, 'A model with a very long name that the figu…' 6)
set y2tics scale 0 font ',9' ('1  Ünïcode 模型 – ok' 1, '2  Eve `id` @x $(id) \n' 2, '3  O''Brien Chat' 3, '4  Large Chat' 4, '5  Mid Chat' 5, '6  Small Chat' 6, '7  A model with a very long name that the f…' 7)
set key at screen 0.5, screen 0.01 center bottom horizontal reverse Left samplen 2 font ',9'
set bmargin 3
set tmargin 5.5

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/_ranks.svg'
plot $ranks using (0):1:(1):($2 - $1):3 with vectors nohead lw 1.5 lc rgb variable, $ranks using (0):1:3 with points pt 7 ps 0.7 lc rgb variable, $ranks using (1):2:3 with points pt 7 ps 0.7 lc rgb variable, keyentry with lines lw 2 lc rgb '#009E73' title 'rises without capabilities', keyentry with lines lw 2 lc rgb '#7B3294' title 'falls', keyentry with lines lw 2 lc rgb '#999999' title 'unchanged'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set border 3 lc rgb '#8b929c'
set tics nomirror out scale 0.6 textcolor rgb '#c9ced6'
set grid back lc rgb '#2a2e35' lw 1 dt solid
set key noautotitle textcolor rgb '#c9ced6'
set title 'Safety rank before and after removing capabilities' . "\n" . 'Chat models · mean safety z-score vs. mean residual from capabilities' textcolor rgb '#e6e8eb'
set border 0
unset grid
set xrange [-0.04:1.04]
set yrange [7.5:0.5]
set link y2
unset xtics
set label 'safety rank' at first 0, graph 1 right offset 0, char 1 font ',10' textcolor rgb '#c9ced6'
set label 'decorrelated rank' at first 1, graph 1 left offset 0, char 1 font ',10' textcolor rgb '#c9ced6'
set title offset 0, char 1.4
set ytics scale 0 font ',9' ('Ünïcode 模型 – ok  2' 2, 'Eve `id` @x $(id) \n  1' 1, 'O''Brien Chat  5' 5, 'Large Chat  3' 3, 'Mid Chat  4' 4, 'Small Chat  7' 7, 'A model with a very long name that the figu…' 6)
set y2tics scale 0 font ',9' ('1  Ünïcode 模型 – ok' 1, '2  Eve `id` @x $(id) \n' 2, '3  O''Brien Chat' 3, '4  Large Chat' 4, '5  Mid Chat' 5, '6  Small Chat' 6, '7  A model with a very long name that the f…' 7)
set key at screen 0.5, screen 0.01 center bottom horizontal reverse Left samplen 2 font ',9'
set bmargin 3
set tmargin 5.5
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'chat/dark/_ranks.svg'
plot $ranks using (0):1:(1):($2 - $1):3 with vectors nohead lw 1.5 lc rgb variable, $ranks using (0):1:3 with points pt 7 ps 0.7 lc rgb variable, $ranks using (1):2:3 with points pt 7 ps 0.7 lc rgb variable, keyentry with lines lw 2 lc rgb '#009E73' title 'rises without capabilities', keyentry with lines lw 2 lc rgb '#7B3294' title 'falls', keyentry with lines lw 2 lc rgb '#999999' title 'unchanged'
unset output
