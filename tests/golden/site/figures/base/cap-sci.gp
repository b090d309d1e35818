# washboard figure base/cap-sci: raw score against the capabilities score.
# Generated from data/report.json; the data is also in base/cap-sci.csv.
# Redraw it from the figures/ directory: gnuplot -d base/cap-sci.gp
reset
set encoding utf8
set title 'Science' . "\n" . 'Spearman ρ = 100.0% · n = 7 · tracks capabilities' textcolor rgb '#1b1d21'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Accuracy'
$points << EOD
# x y
-3.844889081802002 0.363
-1.8808416063209372 0.503
-1.1427129373881684 0.516
-0.20240763072613482 0.585
0.9649969080739429 0.632
2.2606887730103313 0.679
3.8451655751529676 0.725
EOD
$fit << EOD
# x fitted_y
-3.844889081802002 0.3930869465320421
-1.8808416063209372 0.4844063956275699
-1.1427129373881684 0.5187260871065377
-0.20240763072613482 0.5624460906491944
0.9649969080739429 0.6167251957552102
2.2606887730103313 0.6769690894393824
3.8451655751529676 0.7506401948900633
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
set xrange [-5:5]
set yrange [0.3:0.8]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.8451655751529685, first 0.7632806443282656 center font ',8' textcolor rgb '#D55E00' front
set label 'Large 70B' at first 3.9279470321066103, first 0.7249999999999999 left font ',8' textcolor rgb '#333333' front
set label 'a|b *c* [d](e)' at first 2.326913938573245, first 0.6691685393258429 left font ',8' textcolor rgb '#333333' front
set label '<script>alert(1)</script>' at first 0.8822154511203006, first 0.632 right font ',8' textcolor rgb '#333333' front
set label 'Mid 7B' at first -0.28518908767977713, first 0.585 right font ',8' textcolor rgb '#333333' front
set label 'O''Brien' at first -1.0764877718252546, first 0.5061685393258427 left font ',8' textcolor rgb '#333333' front
set label 'Tiny 1B' at first -3.762107624848359, first 0.363 left font ',8' textcolor rgb '#333333' front
set label '"><img src=x onerror=alert(…' at first -1.9636230632745795, first 0.503 right font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/cap-sci.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Science' . "\n" . 'Spearman ρ = 100.0% · n = 7 · tracks capabilities' textcolor rgb '#e6e8eb'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Accuracy'
set border 3 lc rgb '#8b929c'
set tics nomirror out scale 0.6 textcolor rgb '#c9ced6'
set grid back lc rgb '#2a2e35' lw 1 dt solid
set key noautotitle textcolor rgb '#c9ced6'
unset key
set lmargin at screen 0.1222
set rmargin at screen 0.9611
set tmargin at screen 0.8583
set bmargin at screen 0.1167
set xrange [-5:5]
set yrange [0.3:0.8]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.8451655751529685, first 0.7632806443282656 center font ',8' textcolor rgb '#D55E00' front
set label 'Large 70B' at first 3.9279470321066103, first 0.7249999999999999 left font ',8' textcolor rgb '#c9ced6' front
set label 'a|b *c* [d](e)' at first 2.326913938573245, first 0.6691685393258429 left font ',8' textcolor rgb '#c9ced6' front
set label '<script>alert(1)</script>' at first 0.8822154511203006, first 0.632 right font ',8' textcolor rgb '#c9ced6' front
set label 'Mid 7B' at first -0.28518908767977713, first 0.585 right font ',8' textcolor rgb '#c9ced6' front
set label 'O''Brien' at first -1.0764877718252546, first 0.5061685393258427 left font ',8' textcolor rgb '#c9ced6' front
set label 'Tiny 1B' at first -3.762107624848359, first 0.363 left font ',8' textcolor rgb '#c9ced6' front
set label '"><img src=x onerror=alert(…' at first -1.9636230632745795, first 0.503 right font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'base/dark/cap-sci.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output
