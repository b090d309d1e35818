# washboard figure base/calib-qa: raw score against the capabilities score.
# Generated from data/report.json; the data is also in base/calib-qa.csv.
# Redraw it from the figures/ directory: gnuplot -d base/calib-qa.gp
reset
set encoding utf8
set title 'Calibration (QA)' . "\n" . 'Spearman ρ = 100.0% · n = 7 · tracks capabilities (judged by ρ = 100.0% with cap-qa)' textcolor rgb '#1b1d21'
set xlabel 'capabilities score (first principal component)'
set ylabel '1 - RMS calibration error'
$points << EOD
# x y
-3.844889081802002 0.6972
-1.8808416063209372 0.7308
-1.1427129373881684 0.8044
-0.20240763072613482 0.8179
0.9649969080739429 0.8234
2.2606887730103313 0.92
3.8451655751529676 0.9298
EOD
$fit << EOD
# x fitted_y
-3.844889081802002 0.6932873414379063
-1.8808416063209372 0.7568106659047815
-1.1427129373881684 0.7806840129191832
-0.20240763072613482 0.8110963730269177
0.9649969080739429 0.8488538194369829
2.2606887730103313 0.8907604717826881
3.8451655751529676 0.9420073154915403
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
set yrange [0.65:1]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.8451655751529685, first 0.9508556300982818 center font ',8' textcolor rgb '#D55E00' front
set label 'Large 70B' at first 3.9279470321066103, first 0.9298 left font ',8' textcolor rgb '#333333' front
set label 'a|b *c* [d](e)' at first 2.1779073160566886, first 0.92 right font ',8' textcolor rgb '#333333' front
set label '<script>alert(1)</script>' at first 1.0477783650275851, first 0.8234 left font ',8' textcolor rgb '#333333' front
set label 'Mid 7B' at first -0.28518908767977713, first 0.8179 right font ',8' textcolor rgb '#333333' front
set label 'O''Brien' at first -1.2254943943418106, first 0.8044 right font ',8' textcolor rgb '#333333' front
set label '"><img src=x onerror=alert(…' at first -1.798060149367294, first 0.7308 left font ',8' textcolor rgb '#333333' front
set label 'Tiny 1B' at first -3.927670538755644, first 0.6972 right font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/calib-qa.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Calibration (QA)' . "\n" . 'Spearman ρ = 100.0% · n = 7 · tracks capabilities (judged by ρ = 100.0% with cap-qa)' textcolor rgb '#e6e8eb'
set xlabel 'capabilities score (first principal component)'
set ylabel '1 - RMS calibration error'
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
set yrange [0.65:1]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.8451655751529685, first 0.9508556300982818 center font ',8' textcolor rgb '#D55E00' front
set label 'Large 70B' at first 3.9279470321066103, first 0.9298 left font ',8' textcolor rgb '#c9ced6' front
set label 'a|b *c* [d](e)' at first 2.1779073160566886, first 0.92 right font ',8' textcolor rgb '#c9ced6' front
set label '<script>alert(1)</script>' at first 1.0477783650275851, first 0.8234 left font ',8' textcolor rgb '#c9ced6' front
set label 'Mid 7B' at first -0.28518908767977713, first 0.8179 right font ',8' textcolor rgb '#c9ced6' front
set label 'O''Brien' at first -1.2254943943418106, first 0.8044 right font ',8' textcolor rgb '#c9ced6' front
set label '"><img src=x onerror=alert(…' at first -1.798060149367294, first 0.7308 left font ',8' textcolor rgb '#c9ced6' front
set label 'Tiny 1B' at first -3.927670538755644, first 0.6972 right font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'base/dark/calib-qa.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output
