# washboard figure base/_map: capabilities correlation against standardized slope.
# Generated from data/report.json; the data is also in base/_map.csv.
# Redraw it from the figures/ directory: gnuplot -d base/_map.gp
reset
set encoding utf8
$v0 << EOD
# capabilities_correlation standardized_slope (tracks-capabilities)
0.9999999999999999 0.41616841405961
0.9285714285714284 0.4002615355083196
EOD
$v2 << EOD
# capabilities_correlation standardized_slope (distinct)
0.2857142857142857 0.16356373583592423
EOD
$v3 << EOD
# capabilities_correlation standardized_slope (worsens-with-capabilities)
-0.42857142857142855 -0.19902001384975515
-0.857142857142857 -0.36243682406301436
-0.9285714285714284 -0.32550021663758316
EOD
set border 3 lc rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid back lc rgb '#e6e6e6' lw 1 dt solid
set key noautotitle textcolor rgb '#333333'
set title 'Correlation and slope of safety benchmarks' . "\n" . 'Base models · 6 safety benchmarks' textcolor rgb '#000000'
set object 1 rect from -1, graph 0 to -0.4, graph 1 behind fillcolor rgb '#7B3294' fillstyle solid 0.13 noborder
set object 2 rect from -0.4, graph 0 to 0.4, graph 1 behind fillcolor rgb '#009E73' fillstyle solid 0.13 noborder
set object 3 rect from 0.4, graph 0 to 0.6, graph 1 behind fillcolor rgb '#E69F00' fillstyle solid 0.13 noborder
set object 4 rect from 0.6, graph 0 to 1, graph 1 behind fillcolor rgb '#D55E00' fillstyle solid 0.13 noborder
set xrange [-1:1]
set xtics ('-1.0' -1, '-0.4' -0.4, '0.0' 0, '0.4' 0.4, '0.6' 0.6, '1.0' 1)
set grid noxtics
set yzeroaxis lt 1 lc rgb '#555555'
set xzeroaxis lt 1 lc rgb '#555555'
set offsets 0, 0, graph 0.06, graph 0.06
set key outside bottom center horizontal reverse Left samplen 1
set xlabel 'Spearman correlation with the capabilities score'
set ylabel 'standardized slope (SD per unit of capabilities score)'
set label 'Calibration (QA)' at first 0.9999999999999999, first 0.41616841405961 right offset char -0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label 'Harm & <Refusal> "quoted"' at first 0.9285714285714284, first 0.4002615355083196 right offset char -0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label 'Cyber refusal' at first 0.2857142857142857, first 0.16356373583592423 left offset char 0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label 'Calibration (Math)' at first -0.42857142857142855, first -0.19902001384975515 left offset char 0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label 'Sycophancy' at first -0.857142857142857, first -0.36243682406301436 left offset char 0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label 'Hazardous knowledge' at first -0.9285714285714284, first -0.32550021663758316 left offset char 0.6, char 0.4 font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/_map.svg'
plot $v0 using 1:2 with points pt 7 ps 1 lc rgb '#D55E00' title 'tracks capabilities', $v2 using 1:2 with points pt 7 ps 1 lc rgb '#009E73' title 'distinct from capabilities', $v3 using 1:2 with points pt 7 ps 1 lc rgb '#7B3294' title 'worsens with capabilities'
unset output
