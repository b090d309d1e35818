# washboard figure base/_coverage: which benchmarks each model has: measured, imputed or missing.
# Generated from data/report.json; the data is also in base/_coverage.csv.
# Redraw it from the figures/ directory: gnuplot -d base/_coverage.gp
reset
set encoding utf8
$cells << EOD
# first_column last_column first_row last_row colour
0 11 1 8 29362
5 5 8 8 14277081
EOD
$lines << EOD
# x y dx dy colour
-0.5 1.5 12 0 16777215
-0.5 2.5 12 0 16777215
-0.5 3.5 12 0 16777215
-0.5 4.5 12 0 16777215
-0.5 5.5 12 0 16777215
-0.5 6.5 12 0 16777215
-0.5 7.5 12 0 16777215
0.5 0.5 0 8 16777215
1.5 0.5 0 8 16777215
2.5 0.5 0 8 16777215
3.5 0.5 0 8 16777215
4.5 0.5 0 8 16777215
5.5 0.5 0 8 3355443
6.5 0.5 0 8 16777215
7.5 0.5 0 8 3355443
8.5 0.5 0 8 16777215
9.5 0.5 0 8 3355443
10.5 0.5 0 8 16777215
EOD
set title 'Which results each model has' . "\n" . 'Base models · 8 models (by capabilities rank) × 12 benchmarks' textcolor rgb '#1b1d21'
set title offset 0, screen 0.1996
set border 0
unset grid
set xrange [-0.5:11.5]
set yrange [8.5:0.5]
set ytics scale 0 font ',9' textcolor rgb '#333333' ('Large 70B' 1, 'a|b *c* [d](e)' 2, '<script>alert(1)</script>' 3, 'Mid 7B' 4, 'O''Brien' 5, '"><img src=x onerror=alert(1)>' 6, 'Tiny 1B' 7, 'Partial 3B' 8)
set xtics scale 0 rotate by 90 right font ',8' textcolor rgb '#333333' ('Code' 0, 'Logic' 1, 'QA' 2, 'Science' 3, 'Reading' 4, 'Math' 5, 'Harm & <Refusal> "quoted"' 6, 'Sycophancy' 7, 'Calibration (QA)' 8, 'Calibration (Math)' 9, 'Cyber refusal' 10, 'Hazardous knowledge' 11)
set label 'CAPABILITY' at first 2.5, graph 1 rotate by 90 left offset 0, char 0.4 font ',8' textcolor rgb '#333333'
set label 'ALIGNMENT' at first 6.5, graph 1 rotate by 90 left offset 0, char 0.4 font ',8' textcolor rgb '#333333'
set label 'CALIBRATION' at first 8.5, graph 1 rotate by 90 left offset 0, char 0.4 font ',8' textcolor rgb '#333333'
set label 'WEAPONIZATION' at first 10.5, graph 1 rotate by 90 left offset 0, char 0.4 font ',8' textcolor rgb '#333333'
set lmargin at screen 0.2651
set rmargin at screen 0.9721
set tmargin at screen 0.6828
set bmargin at screen 0.3803
set key at screen 0.5, screen 0.01 center bottom horizontal reverse Left samplen 1.5 font ',9' textcolor rgb '#333333'

# Outputs, relative to the figures/ directory.
set terminal svg size 860,476 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/_coverage.svg'
plot $cells using (($1 + $2) / 2):(($3 + $4) / 2):($1 - 0.5):($2 + 0.5):($3 - 0.5):($4 + 0.5):5 with boxxyerror fillstyle solid 1 noborder lc rgb variable notitle, $lines using 1:2:3:4:5 with vectors nohead lw 1 lc rgb variable notitle, keyentry with boxes fillstyle solid 1 noborder fillcolor rgb '#0072B2' title 'measured (95)', keyentry with boxes fillstyle solid 1 noborder fillcolor rgb '#E69F00' title 'imputed (0)', keyentry with boxes fillstyle solid 1 noborder fillcolor rgb '#D9D9D9' title 'missing (1)'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Which results each model has' . "\n" . 'Base models · 8 models (by capabilities rank) × 12 benchmarks' textcolor rgb '#e6e8eb'
set title offset 0, screen 0.1996
set border 0
unset grid
set xrange [-0.5:11.5]
set yrange [8.5:0.5]
set ytics scale 0 font ',9' textcolor rgb '#c9ced6' ('Large 70B' 1, 'a|b *c* [d](e)' 2, '<script>alert(1)</script>' 3, 'Mid 7B' 4, 'O''Brien' 5, '"><img src=x onerror=alert(1)>' 6, 'Tiny 1B' 7, 'Partial 3B' 8)
set xtics scale 0 rotate by 90 right font ',8' textcolor rgb '#c9ced6' ('Code' 0, 'Logic' 1, 'QA' 2, 'Science' 3, 'Reading' 4, 'Math' 5, 'Harm & <Refusal> "quoted"' 6, 'Sycophancy' 7, 'Calibration (QA)' 8, 'Calibration (Math)' 9, 'Cyber refusal' 10, 'Hazardous knowledge' 11)
set label 'CAPABILITY' at first 2.5, graph 1 rotate by 90 left offset 0, char 0.4 font ',8' textcolor rgb '#c9ced6'
set label 'ALIGNMENT' at first 6.5, graph 1 rotate by 90 left offset 0, char 0.4 font ',8' textcolor rgb '#c9ced6'
set label 'CALIBRATION' at first 8.5, graph 1 rotate by 90 left offset 0, char 0.4 font ',8' textcolor rgb '#c9ced6'
set label 'WEAPONIZATION' at first 10.5, graph 1 rotate by 90 left offset 0, char 0.4 font ',8' textcolor rgb '#c9ced6'
set lmargin at screen 0.2651
set rmargin at screen 0.9721
set tmargin at screen 0.6828
set bmargin at screen 0.3803
set key at screen 0.5, screen 0.01 center bottom horizontal reverse Left samplen 1.5 font ',9' textcolor rgb '#c9ced6'
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 860,476 fixed noenhanced background '#14161a' font 'sans,11'
set output 'base/dark/_coverage.svg'
plot $cells using (($1 + $2) / 2):(($3 + $4) / 2):($1 - 0.5):($2 + 0.5):($3 - 0.5):($4 + 0.5):5 with boxxyerror fillstyle solid 1 noborder lc rgb variable notitle, $lines using 1:2:3:4:5 with vectors nohead lw 1 lc rgb variable notitle, keyentry with boxes fillstyle solid 1 noborder fillcolor rgb '#0072B2' title 'measured (95)', keyentry with boxes fillstyle solid 1 noborder fillcolor rgb '#E69F00' title 'imputed (0)', keyentry with boxes fillstyle solid 1 noborder fillcolor rgb '#D9D9D9' title 'missing (1)'
unset output
