# washboard figure chat/_coverage: which benchmarks each model has: measured, imputed or missing.
# Generated from data/report.json; the data is also in chat/_coverage.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/_coverage.gp
reset
set encoding utf8
$cells << EOD
# first_column last_column first_row last_row colour
0 12 1 7 29362
10 11 5 5 14277081
EOD
$lines << EOD
# x y dx dy colour
-0.5 1.5 13 0 16777215
-0.5 2.5 13 0 16777215
-0.5 3.5 13 0 16777215
-0.5 4.5 13 0 16777215
-0.5 5.5 13 0 16777215
-0.5 6.5 13 0 16777215
0.5 0.5 0 7 16777215
1.5 0.5 0 7 16777215
2.5 0.5 0 7 16777215
3.5 0.5 0 7 16777215
4.5 0.5 0 7 16777215
5.5 0.5 0 7 3355443
6.5 0.5 0 7 16777215
7.5 0.5 0 7 3355443
8.5 0.5 0 7 16777215
9.5 0.5 0 7 3355443
10.5 0.5 0 7 16777215
11.5 0.5 0 7 3355443
EOD
set title 'Which results each model has' . "\n" . 'Chat models · 7 models (by capabilities rank) × 13 benchmarks' textcolor rgb '#1b1d21'
set title offset 0, screen 0.2074
set border 0
unset grid
set xrange [-0.5:12.5]
set yrange [7.5:0.5]
set ytics scale 0 font ',9' textcolor rgb '#333333' ('Large Chat' 1, 'Eve `id` @x $(id) \n' 2, 'A model with a very long name that the figu…' 3, 'Mid Chat' 4, 'Ünïcode 模型 – ok' 5, 'O''Brien Chat' 6, 'Small Chat' 7)
set xtics scale 0 rotate by 90 right font ',8' textcolor rgb '#333333' ('QA' 0, 'Reading' 1, 'Code' 2, 'Logic' 3, 'Math' 4, 'Science' 5, 'Harm & <Refusal> "quoted"' 6, 'Sycophancy' 7, 'Calibration (QA)' 8, 'Calibration (Math)' 9, 'Cyber refusal' 10, 'Hazardous knowledge' 11, 'Arena Elo' 12)
set label 'CAPABILITY' at first 2.5, graph 1 rotate by 90 left offset 0, char 0.4 font ',8' textcolor rgb '#333333'
set label 'ALIGNMENT' at first 6.5, graph 1 rotate by 90 left offset 0, char 0.4 font ',8' textcolor rgb '#333333'
set label 'CALIBRATION' at first 8.5, graph 1 rotate by 90 left offset 0, char 0.4 font ',8' textcolor rgb '#333333'
set label 'WEAPONIZATION' at first 10.5, graph 1 rotate by 90 left offset 0, char 0.4 font ',8' textcolor rgb '#333333'
set label 'GENERAL' at first 12, graph 1 rotate by 90 left offset 0, char 0.4 font ',8' textcolor rgb '#333333'
set lmargin at screen 0.3756
set rmargin at screen 0.9721
set tmargin at screen 0.6703
set bmargin at screen 0.3952
set key at screen 0.5, screen 0.01 center bottom horizontal reverse Left samplen 1.5 font ',9' textcolor rgb '#333333'

# Outputs, relative to the figures/ directory.
set terminal svg size 860,458 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/_coverage.svg'
plot $cells using (($1 + $2) / 2):(($3 + $4) / 2):($1 - 0.5):($2 + 0.5):($3 - 0.5):($4 + 0.5):5 with boxxyerror fillstyle solid 1 noborder lc rgb variable notitle, $lines using 1:2:3:4:5 with vectors nohead lw 1 lc rgb variable notitle, keyentry with boxes fillstyle solid 1 noborder fillcolor rgb '#0072B2' title 'measured (89)', keyentry with boxes fillstyle solid 1 noborder fillcolor rgb '#E69F00' title 'imputed (0)', keyentry with boxes fillstyle solid 1 noborder fillcolor rgb '#D9D9D9' title 'missing (2)'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Which results each model has' . "\n" . 'Chat models · 7 models (by capabilities rank) × 13 benchmarks' textcolor rgb '#e6e8eb'
set title offset 0, screen 0.2074
set border 0
unset grid
set xrange [-0.5:12.5]
set yrange [7.5:0.5]
set ytics scale 0 font ',9' textcolor rgb '#c9ced6' ('Large Chat' 1, 'Eve `id` @x $(id) \n' 2, 'A model with a very long name that the figu…' 3, 'Mid Chat' 4, 'Ünïcode 模型 – ok' 5, 'O''Brien Chat' 6, 'Small Chat' 7)
set xtics scale 0 rotate by 90 right font ',8' textcolor rgb '#c9ced6' ('QA' 0, 'Reading' 1, 'Code' 2, 'Logic' 3, 'Math' 4, 'Science' 5, 'Harm & <Refusal> "quoted"' 6, 'Sycophancy' 7, 'Calibration (QA)' 8, 'Calibration (Math)' 9, 'Cyber refusal' 10, 'Hazardous knowledge' 11, 'Arena Elo' 12)
set label 'CAPABILITY' at first 2.5, graph 1 rotate by 90 left offset 0, char 0.4 font ',8' textcolor rgb '#c9ced6'
set label 'ALIGNMENT' at first 6.5, graph 1 rotate by 90 left offset 0, char 0.4 font ',8' textcolor rgb '#c9ced6'
set label 'CALIBRATION' at first 8.5, graph 1 rotate by 90 left offset 0, char 0.4 font ',8' textcolor rgb '#c9ced6'
set label 'WEAPONIZATION' at first 10.5, graph 1 rotate by 90 left offset 0, char 0.4 font ',8' textcolor rgb '#c9ced6'
set label 'GENERAL' at first 12, graph 1 rotate by 90 left offset 0, char 0.4 font ',8' textcolor rgb '#c9ced6'
set lmargin at screen 0.3756
set rmargin at screen 0.9721
set tmargin at screen 0.6703
set bmargin at screen 0.3952
set key at screen 0.5, screen 0.01 center bottom horizontal reverse Left samplen 1.5 font ',9' textcolor rgb '#c9ced6'
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 860,458 fixed noenhanced background '#14161a' font 'sans,11'
set output 'chat/dark/_coverage.svg'
plot $cells using (($1 + $2) / 2):(($3 + $4) / 2):($1 - 0.5):($2 + 0.5):($3 - 0.5):($4 + 0.5):5 with boxxyerror fillstyle solid 1 noborder lc rgb variable notitle, $lines using 1:2:3:4:5 with vectors nohead lw 1 lc rgb variable notitle, keyentry with boxes fillstyle solid 1 noborder fillcolor rgb '#0072B2' title 'measured (89)', keyentry with boxes fillstyle solid 1 noborder fillcolor rgb '#E69F00' title 'imputed (0)', keyentry with boxes fillstyle solid 1 noborder fillcolor rgb '#D9D9D9' title 'missing (2)'
unset output
