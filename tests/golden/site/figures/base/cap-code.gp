# washboard figure base/cap-code: raw score against the capabilities score.
# Generated from data/report.json; the data is also in base/cap-code.csv.
# Redraw it from the figures/ directory: gnuplot -d base/cap-code.gp
reset
set encoding utf8
set title 'Code' . "\n" . 'Spearman ρ = 100.0% · n = 7 · tracks capabilities' textcolor rgb '#1b1d21'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Accuracy'
$points << EOD
# x y
-3.844889081802002 0.405
-1.8808416063209372 0.486
-1.1427129373881684 0.505
-0.20240763072613482 0.572
0.9649969080739429 0.629
2.2606887730103313 0.639
3.8451655751529676 0.733
EOD
$fit << EOD
# x fitted_y
-3.844889081802002 0.4050233419692709
-1.8808416063209372 0.48776431044033375
-1.1427129373881684 0.518860035816725
-0.20240763072613482 0.5584730149849806
0.9649969080739429 0.607653181627426
2.2606887730103313 0.662237809078275
3.8451655751529676 0.7289883060829887
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
set yrange [0.35:0.8]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.7789404095900547, first 0.7378366206897302 right font ',8' textcolor rgb '#D55E00' front
set label 'Large 70B' at first 3.9279470321066103, first 0.733 left font ',8' textcolor rgb '#333333' front
set label 'a|b *c* [d](e)' at first 2.343470229963974, first 0.639 left font ',8' textcolor rgb '#333333' front
set label '<script>alert(1)</script>' at first 0.8822154511203006, first 0.629 right font ',8' textcolor rgb '#333333' front
set label 'Mid 7B' at first -0.28518908767977713, first 0.572 right font ',8' textcolor rgb '#333333' front
set label 'O''Brien' at first -1.0599314804345261, first 0.505 left font ',8' textcolor rgb '#333333' front
set label '"><img src=x onerror=alert(…' at first -1.814616440758023, first 0.4771516853932584 left font ',8' textcolor rgb '#333333' front
set label 'Tiny 1B' at first -3.927670538755644, first 0.405 right font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/cap-code.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Code' . "\n" . 'Spearman ρ = 100.0% · n = 7 · tracks capabilities' textcolor rgb '#e6e8eb'
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
set yrange [0.35:0.8]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.7789404095900547, first 0.7378366206897302 right font ',8' textcolor rgb '#D55E00' front
set label 'Large 70B' at first 3.9279470321066103, first 0.733 left font ',8' textcolor rgb '#c9ced6' front
set label 'a|b *c* [d](e)' at first 2.343470229963974, first 0.639 left font ',8' textcolor rgb '#c9ced6' front
set label '<script>alert(1)</script>' at first 0.8822154511203006, first 0.629 right font ',8' textcolor rgb '#c9ced6' front
set label 'Mid 7B' at first -0.28518908767977713, first 0.572 right font ',8' textcolor rgb '#c9ced6' front
set label 'O''Brien' at first -1.0599314804345261, first 0.505 left font ',8' textcolor rgb '#c9ced6' front
set label '"><img src=x onerror=alert(…' at first -1.814616440758023, first 0.4771516853932584 left font ',8' textcolor rgb '#c9ced6' front
set label 'Tiny 1B' at first -3.927670538755644, first 0.405 right font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'base/dark/cap-code.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output
