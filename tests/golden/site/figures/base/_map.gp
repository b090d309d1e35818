# washboard figure base/_map: capabilities correlation against standardized slope.
# Generated from data/report.json; the data is also in base/_map.csv.
# Redraw it from the figures/ directory: gnuplot -d base/_map.gp
reset
set encoding utf8
$v0 << EOD
# capabilities_correlation standardized_slope (tracks-capabilities)
0.9999999999999999 0.4158425903299752
0.9285714285714284 0.4000753289611009
EOD
$v2 << EOD
# capabilities_correlation standardized_slope (distinct)
0.2857142857142857 0.1629079837931429
EOD
$v3 << EOD
# capabilities_correlation standardized_slope (worsens-with-capabilities)
-0.42857142857142855 -0.19837509724598934
-0.857142857142857 -0.3621483879351867
-0.9285714285714284 -0.3254014624234731
EOD
set border 3 lc rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid back lc rgb '#e6e6e6' lw 1 dt solid
set key noautotitle textcolor rgb '#333333'
set title 'Correlation and slope of safety benchmarks' . "\n" . 'Base models · 6 safety benchmarks' textcolor rgb '#1b1d21'
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
set label 'Calibration (QA)' at first 0.9867549668874172, first 0.4382784877658725 right font ',8' textcolor rgb '#333333' front
set label 'Harm & <Refusal> "quoted"' at first 0.9120151371806997, first 0.4000753289611009 right font ',8' textcolor rgb '#333333' front
set label 'Sycophancy' at first -0.8405865657521285, first -0.3621483879351867 left font ',8' textcolor rgb '#333333' front
set label 'Hazardous knowledge' at first -0.9153263954588456, first -0.30296556498757565 left font ',8' textcolor rgb '#333333' front
set label 'Calibration (Math)' at first -0.41201513718070015, first -0.19837509724598934 left font ',8' textcolor rgb '#333333' front
set label 'Cyber refusal' at first 0.30227057710501404, first 0.16290798379314286 left font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/_map.svg'
plot $v0 using 1:2 with points pt 7 ps 1 lc rgb '#D55E00' title 'tracks capabilities', $v2 using 1:2 with points pt 7 ps 1 lc rgb '#009E73' title 'distinct from capabilities', $v3 using 1:2 with points pt 7 ps 1 lc rgb '#7B3294' title 'worsens with capabilities'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set border 3 lc rgb '#8b929c'
set tics nomirror out scale 0.6 textcolor rgb '#c9ced6'
set grid back lc rgb '#2a2e35' lw 1 dt solid
set key noautotitle textcolor rgb '#c9ced6'
set title 'Correlation and slope of safety benchmarks' . "\n" . 'Base models · 6 safety benchmarks' textcolor rgb '#e6e8eb'
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
set label 'Calibration (QA)' at first 0.9867549668874172, first 0.4382784877658725 right font ',8' textcolor rgb '#c9ced6' front
set label 'Harm & <Refusal> "quoted"' at first 0.9120151371806997, first 0.4000753289611009 right font ',8' textcolor rgb '#c9ced6' front
set label 'Sycophancy' at first -0.8405865657521285, first -0.3621483879351867 left font ',8' textcolor rgb '#c9ced6' front
set label 'Hazardous knowledge' at first -0.9153263954588456, first -0.30296556498757565 left font ',8' textcolor rgb '#c9ced6' front
set label 'Calibration (Math)' at first -0.41201513718070015, first -0.19837509724598934 left font ',8' textcolor rgb '#c9ced6' front
set label 'Cyber refusal' at first 0.30227057710501404, first 0.16290798379314286 left font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'base/dark/_map.svg'
plot $v0 using 1:2 with points pt 7 ps 1 lc rgb '#D55E00' title 'tracks capabilities', $v2 using 1:2 with points pt 7 ps 1 lc rgb '#009E73' title 'distinct from capabilities', $v3 using 1:2 with points pt 7 ps 1 lc rgb '#7B3294' title 'worsens with capabilities'
unset output
