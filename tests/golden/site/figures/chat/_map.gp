# washboard figure chat/_map: capabilities correlation against standardized slope.
# Generated from data/report.json; the data is also in chat/_map.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/_map.gp
reset
set encoding utf8
$v0 << EOD
# capabilities_correlation standardized_slope (tracks-capabilities)
0.9999999999999999 0.41296803476416705
0.9910312089651149 0.4040204725343347
0.7142857142857142 0.32004757617720087
0.6377481392176934 0.266014342269923
EOD
$v3 << EOD
# capabilities_correlation standardized_slope (worsens-with-capabilities)
-0.7857142857142856 -0.34866564315984755
-1 -0.3909518525368554
EOD
set border 3 lc rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid back lc rgb '#e6e6e6' lw 1 dt solid
set key noautotitle textcolor rgb '#333333'
set title 'Correlation and slope of safety benchmarks' . "\n" . 'Chat models · 6 safety benchmarks' textcolor rgb '#1b1d21'
set object 1 rect from -1, graph 0 to -0.4, graph 1 behind fillcolor rgb '#7B3294' fillstyle solid 0.13 noborder
set object 2 rect from -0.4, graph 0 to 0.4, graph 1 behind fillcolor rgb '#009E73' fillstyle solid 0.13 noborder
set object 3 rect from 0.4, graph 0 to 0.6, graph 1 behind fillcolor rgb '#E69F00' fillstyle solid 0.13 noborder
set object 4 rect from 0.6, graph 0 to 1, graph 1 behind fillcolor rgb '#D55E00' fillstyle solid 0.13 noborder
set xrange [-1:1]
set xtics ('-100%%' -1, '-40%%' -0.4, '0%%' 0, '40%%' 0.4, '60%%' 0.6, '100%%' 1)
set grid noxtics
set yzeroaxis lt 1 lc rgb '#555555'
set xzeroaxis lt 1 lc rgb '#555555'
set key at screen 0.5, screen 0.01 center bottom horizontal maxcols 2 reverse Left samplen 1
set xlabel 'Spearman correlation with the capabilities score'
set ylabel 'standardized slope (SD per unit of capabilities score)'
set lmargin at screen 0.1222
set rmargin at screen 0.9611
set tmargin at screen 0.8583
set bmargin at screen 0.2083
set xrange [-1:1]
set yrange [-0.5:0.5]
set ytics 0.1
set label 'Harm & <Refusal> "quoted"' at first 0.9744749175743865, first 0.4040204725343347 right font ',8' textcolor rgb '#333333' front
set label 'Hazardous knowledge' at first -0.9834437086092715, first -0.3909518525368554 left font ',8' textcolor rgb '#333333' front
set label 'Sycophancy' at first -0.7691579943235571, first -0.34866564315984755 left font ',8' textcolor rgb '#333333' front
set label 'Calibration (Math)' at first 0.6977294228949857, first 0.3200475761772008 right font ',8' textcolor rgb '#333333' front
set label 'Cyber refusal' at first 0.6543044306084218, first 0.26601434226992304 left font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/_map.svg'
plot $v0 using 1:2 with points pt 7 ps 1 lc rgb '#D55E00' title 'tracks capabilities', $v3 using 1:2 with points pt 7 ps 1 lc rgb '#7B3294' title 'worsens with capabilities'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set border 3 lc rgb '#8b929c'
set tics nomirror out scale 0.6 textcolor rgb '#c9ced6'
set grid back lc rgb '#2a2e35' lw 1 dt solid
set key noautotitle textcolor rgb '#c9ced6'
set title 'Correlation and slope of safety benchmarks' . "\n" . 'Chat models · 6 safety benchmarks' textcolor rgb '#e6e8eb'
set object 1 rect from -1, graph 0 to -0.4, graph 1 behind fillcolor rgb '#7B3294' fillstyle solid 0.13 noborder
set object 2 rect from -0.4, graph 0 to 0.4, graph 1 behind fillcolor rgb '#009E73' fillstyle solid 0.13 noborder
set object 3 rect from 0.4, graph 0 to 0.6, graph 1 behind fillcolor rgb '#E69F00' fillstyle solid 0.13 noborder
set object 4 rect from 0.6, graph 0 to 1, graph 1 behind fillcolor rgb '#D55E00' fillstyle solid 0.13 noborder
set xrange [-1:1]
set xtics ('-100%%' -1, '-40%%' -0.4, '0%%' 0, '40%%' 0.4, '60%%' 0.6, '100%%' 1)
set grid noxtics
set yzeroaxis lt 1 lc rgb '#8b929c'
set xzeroaxis lt 1 lc rgb '#8b929c'
set key at screen 0.5, screen 0.01 center bottom horizontal maxcols 2 reverse Left samplen 1
set xlabel 'Spearman correlation with the capabilities score'
set ylabel 'standardized slope (SD per unit of capabilities score)'
set lmargin at screen 0.1222
set rmargin at screen 0.9611
set tmargin at screen 0.8583
set bmargin at screen 0.2083
set xrange [-1:1]
set yrange [-0.5:0.5]
set ytics 0.1
set label 'Harm & <Refusal> "quoted"' at first 0.9744749175743865, first 0.4040204725343347 right font ',8' textcolor rgb '#c9ced6' front
set label 'Hazardous knowledge' at first -0.9834437086092715, first -0.3909518525368554 left font ',8' textcolor rgb '#c9ced6' front
set label 'Sycophancy' at first -0.7691579943235571, first -0.34866564315984755 left font ',8' textcolor rgb '#c9ced6' front
set label 'Calibration (Math)' at first 0.6977294228949857, first 0.3200475761772008 right font ',8' textcolor rgb '#c9ced6' front
set label 'Cyber refusal' at first 0.6543044306084218, first 0.26601434226992304 left font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'chat/dark/_map.svg'
plot $v0 using 1:2 with points pt 7 ps 1 lc rgb '#D55E00' title 'tracks capabilities', $v3 using 1:2 with points pt 7 ps 1 lc rgb '#7B3294' title 'worsens with capabilities'
unset output
