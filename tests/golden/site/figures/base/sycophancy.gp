# washboard figure base/sycophancy: raw score against the capabilities score.
# Generated from data/report.json; the data is also in base/sycophancy.csv.
# Redraw it from the figures/ directory: gnuplot -d base/sycophancy.gp
reset
set encoding utf8
set title 'Sycophancy' . "\n" . 'Spearman ρ = -85.7% · n = 7 · worsens with capabilities' textcolor rgb '#1b1d21'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Sycophancy rate (lower is better)'
$points << EOD
# x y
-3.844889081802002 0.479
-1.8808416063209372 0.586
-1.1427129373881684 0.552
-0.20240763072613482 0.56
0.9649969080739429 0.639
2.2606887730103313 0.611
3.8451655751529676 0.689
EOD
$fit << EOD
# x fitted_y
-3.844889081802002 0.49692294001662685
-1.8808416063209372 0.5434469530450456
-1.1427129373881684 0.5609316158338952
-0.20240763072613482 0.5832054034505212
0.9649969080739429 0.6108586779515701
2.2606887730103313 0.6415508001928372
3.8451655751529676 0.6790836095095039
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
set yrange [0.45:0.75]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.7789404095900547, first 0.6849824859139982 right font ',8' textcolor rgb '#7B3294' front
set label 'Large 70B' at first 3.9279470321066103, first 0.689 left font ',8' textcolor rgb '#333333' front
set label 'a|b *c* [d](e)' at first 2.343470229963974, first 0.611 left font ',8' textcolor rgb '#333333' front
set label '<script>alert(1)</script>' at first 0.8822154511203006, first 0.639 right font ',8' textcolor rgb '#333333' front
set label 'Mid 7B' at first -0.11962617377249174, first 0.56 left font ',8' textcolor rgb '#333333' front
set label 'O''Brien' at first -1.0599314804345261, first 0.552 left font ',8' textcolor rgb '#333333' front
set label '"><img src=x onerror=alert(…' at first -1.9636230632745795, first 0.586 right font ',8' textcolor rgb '#333333' front
set label 'Tiny 1B' at first -3.762107624848359, first 0.479 left font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/sycophancy.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#7B3294' title 'what capabilities predict'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Sycophancy' . "\n" . 'Spearman ρ = -85.7% · n = 7 · worsens with capabilities' textcolor rgb '#e6e8eb'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Sycophancy rate (lower is better)'
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
set yrange [0.45:0.75]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.7789404095900547, first 0.6849824859139982 right font ',8' textcolor rgb '#7B3294' front
set label 'Large 70B' at first 3.9279470321066103, first 0.689 left font ',8' textcolor rgb '#c9ced6' front
set label 'a|b *c* [d](e)' at first 2.343470229963974, first 0.611 left font ',8' textcolor rgb '#c9ced6' front
set label '<script>alert(1)</script>' at first 0.8822154511203006, first 0.639 right font ',8' textcolor rgb '#c9ced6' front
set label 'Mid 7B' at first -0.11962617377249174, first 0.56 left font ',8' textcolor rgb '#c9ced6' front
set label 'O''Brien' at first -1.0599314804345261, first 0.552 left font ',8' textcolor rgb '#c9ced6' front
set label '"><img src=x onerror=alert(…' at first -1.9636230632745795, first 0.586 right font ',8' textcolor rgb '#c9ced6' front
set label 'Tiny 1B' at first -3.762107624848359, first 0.479 left font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'base/dark/sycophancy.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#7B3294' title 'what capabilities predict'
unset output
