# washboard figure chat/_overview: capabilities correlation of every safety benchmark, by area.
# Generated from data/report.json; the data is also in chat/_overview.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/_overview.gp
reset
set encoding utf8
$rows << EOD
# row correlation colour ci_low ci_high
1 0.9910312089651149 13983232 NaN NaN
2 -0.7857142857142856 8073876 NaN NaN
4 0.9999999999999999 13983232 NaN NaN
5 0.7142857142857142 13983232 NaN NaN
7 0.6377481392176934 13983232 NaN NaN
8 -1 8073876 NaN NaN
EOD
set border 3 lc rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid back lc rgb '#e6e6e6' lw 1 dt solid
set key noautotitle textcolor rgb '#333333'
set title 'Safety benchmarks against capabilities' . "\n" . 'Chat models · 6 safety benchmarks' textcolor rgb '#1b1d21'
set object 1 rect from -1, graph 0 to -0.4, graph 1 behind fillcolor rgb '#7B3294' fillstyle solid 0.13 noborder
set object 2 rect from -0.4, graph 0 to 0.4, graph 1 behind fillcolor rgb '#009E73' fillstyle solid 0.13 noborder
set object 3 rect from 0.4, graph 0 to 0.6, graph 1 behind fillcolor rgb '#E69F00' fillstyle solid 0.13 noborder
set object 4 rect from 0.6, graph 0 to 1, graph 1 behind fillcolor rgb '#D55E00' fillstyle solid 0.13 noborder
set xrange [-1:1]
set xtics ('-100%%' -1, '-40%%' -0.4, '0%%' 0, '40%%' 0.4, '60%%' 0.6, '100%%' 1)
set link x2
set x2tics scale 0.6 out ('-100%%' -1, '-40%%' -0.4, '0%%' 0, '40%%' 0.4, '60%%' 0.6, '100%%' 1)
set grid noxtics
set yzeroaxis lt 1 lc rgb '#555555'
set yrange [8.5:-0.7]
set ytics scale 0 font ',9' ('ALIGNMENT' 0, 'Harm & <Refusal> "quoted"' 1, 'Sycophancy' 2, 'CALIBRATION' 3, 'Calibration (QA) †' 4, 'Calibration (Math)' 5, 'WEAPONIZATION' 6, 'Cyber refusal' 7, 'Hazardous knowledge' 8)
set arrow from graph 0, first 2.5 to graph 1, first 2.5 nohead lc rgb '#bbbbbb' lw 1 back
set arrow from graph 0, first 5.5 to graph 1, first 5.5 nohead lc rgb '#bbbbbb' lw 1 back
set grid noytics
set tmargin 7
set title offset 0, char 2.4
set key at screen 0.5, screen 0.8958333333333334 center top horizontal reverse Left samplen 1.5 font ',9'
set xlabel 'Spearman correlation with the capabilities score' . "\n" . '† with its own dataset''s accuracy instead, as in the paper'

# Outputs, relative to the figures/ directory.
set terminal svg size 860,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/_overview.svg'
plot $rows using (0):1:2:(0):3 with vectors nohead lw 1.5 lc rgb variable, $rows using 2:1:3 with points pt 7 ps 0.9 lc rgb variable, keyentry with boxes fillstyle solid 0.3 noborder fillcolor rgb '#7B3294' title 'worsens (ρ ≤ -40%)', keyentry with boxes fillstyle solid 0.3 noborder fillcolor rgb '#009E73' title 'distinct (|ρ| < 40%)', keyentry with boxes fillstyle solid 0.3 noborder fillcolor rgb '#E69F00' title 'moderate (40% ≤ ρ < 60%)', keyentry with boxes fillstyle solid 0.3 noborder fillcolor rgb '#D55E00' title 'tracks capabilities (ρ ≥ 60%)'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set border 3 lc rgb '#8b929c'
set tics nomirror out scale 0.6 textcolor rgb '#c9ced6'
set grid back lc rgb '#2a2e35' lw 1 dt solid
set key noautotitle textcolor rgb '#c9ced6'
set title 'Safety benchmarks against capabilities' . "\n" . 'Chat models · 6 safety benchmarks' textcolor rgb '#e6e8eb'
set object 1 rect from -1, graph 0 to -0.4, graph 1 behind fillcolor rgb '#7B3294' fillstyle solid 0.13 noborder
set object 2 rect from -0.4, graph 0 to 0.4, graph 1 behind fillcolor rgb '#009E73' fillstyle solid 0.13 noborder
set object 3 rect from 0.4, graph 0 to 0.6, graph 1 behind fillcolor rgb '#E69F00' fillstyle solid 0.13 noborder
set object 4 rect from 0.6, graph 0 to 1, graph 1 behind fillcolor rgb '#D55E00' fillstyle solid 0.13 noborder
set xrange [-1:1]
set xtics ('-100%%' -1, '-40%%' -0.4, '0%%' 0, '40%%' 0.4, '60%%' 0.6, '100%%' 1)
set link x2
set x2tics scale 0.6 out ('-100%%' -1, '-40%%' -0.4, '0%%' 0, '40%%' 0.4, '60%%' 0.6, '100%%' 1)
set grid noxtics
set yzeroaxis lt 1 lc rgb '#8b929c'
set yrange [8.5:-0.7]
set ytics scale 0 font ',9' ('ALIGNMENT' 0, 'Harm & <Refusal> "quoted"' 1, 'Sycophancy' 2, 'CALIBRATION' 3, 'Calibration (QA) †' 4, 'Calibration (Math)' 5, 'WEAPONIZATION' 6, 'Cyber refusal' 7, 'Hazardous knowledge' 8)
set arrow from graph 0, first 2.5 to graph 1, first 2.5 nohead lc rgb '#4a505a' lw 1 back
set arrow from graph 0, first 5.5 to graph 1, first 5.5 nohead lc rgb '#4a505a' lw 1 back
set grid noytics
set tmargin 7
set title offset 0, char 2.4
set key at screen 0.5, screen 0.8958333333333334 center top horizontal reverse Left samplen 1.5 font ',9'
set xlabel 'Spearman correlation with the capabilities score' . "\n" . '† with its own dataset''s accuracy instead, as in the paper'
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 860,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'chat/dark/_overview.svg'
plot $rows using (0):1:2:(0):3 with vectors nohead lw 1.5 lc rgb variable, $rows using 2:1:3 with points pt 7 ps 0.9 lc rgb variable, keyentry with boxes fillstyle solid 0.3 noborder fillcolor rgb '#7B3294' title 'worsens (ρ ≤ -40%)', keyentry with boxes fillstyle solid 0.3 noborder fillcolor rgb '#009E73' title 'distinct (|ρ| < 40%)', keyentry with boxes fillstyle solid 0.3 noborder fillcolor rgb '#E69F00' title 'moderate (40% ≤ ρ < 60%)', keyentry with boxes fillstyle solid 0.3 noborder fillcolor rgb '#D55E00' title 'tracks capabilities (ρ ≥ 60%)'
unset output
