# washboard figure base/_scores: capabilities score per model.
# Generated from data/report.json; the data is also in base/_scores.csv.
# Redraw it from the figures/ directory: gnuplot -d base/_scores.gp
reset
set encoding utf8
$scores << EOD
# row score colour
0 3.8451655751529676 29362
1 2.2606887730103313 29362
2 0.9649969080739429 29362
3 -0.20240763072613482 15113984
4 -1.1427129373881684 15113984
5 -1.8808416063209372 15113984
6 -3.844889081802002 15113984
EOD
set border 3 lc rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid back lc rgb '#e6e6e6' lw 1 dt solid
set key noautotitle textcolor rgb '#333333'
set title 'Capabilities score' . "\n" . 'Base models · PC1 of 6 capability benchmarks (98.7 % of variance)' textcolor rgb '#1b1d21'
set yrange [6.6:-0.6]
set grid noytics
set ytics scale 0 font ',9' ('Large 70B' 0, 'a|b *c* [d](e)' 1, '<script>alert(1)</script>' 2, 'Mid 7B' 3, 'O''Brien' 4, '"><img src=x onerror=alert(1)>' 5, 'Tiny 1B' 6)
set yzeroaxis lt 1 lc rgb '#555555'
set offsets graph 0.03, graph 0.03, 0, 0
set xlabel 'capabilities score (0 = cohort average)'

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/_scores.svg'
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
set title 'Capabilities score' . "\n" . 'Base models · PC1 of 6 capability benchmarks (98.7 % of variance)' textcolor rgb '#e6e8eb'
set yrange [6.6:-0.6]
set grid noytics
set ytics scale 0 font ',9' ('Large 70B' 0, 'a|b *c* [d](e)' 1, '<script>alert(1)</script>' 2, 'Mid 7B' 3, 'O''Brien' 4, '"><img src=x onerror=alert(1)>' 5, 'Tiny 1B' 6)
set yzeroaxis lt 1 lc rgb '#8b929c'
set offsets graph 0.03, graph 0.03, 0, 0
set xlabel 'capabilities score (0 = cohort average)'
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'base/dark/_scores.svg'
plot $scores using ($2 < 0 ? $2 : 0):1:($2 < 0 ? $2 : 0):($2 > 0 ? $2 : 0):($1 - 0.36):($1 + 0.36):3 with boxxyerror fillstyle solid 0.9 noborder lc rgb variable
unset output
