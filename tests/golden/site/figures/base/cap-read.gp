# washboard figure base/cap-read: raw score against the capabilities score.
# Generated from data/report.json; the data is also in base/cap-read.csv.
# Redraw it from the figures/ directory: gnuplot -d base/cap-read.gp
reset
set encoding utf8
set title 'Reading' . "\n" . 'Spearman ρ = 99.1% · n = 7 · tracks capabilities' textcolor rgb '#1b1d21'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Accuracy'
$points << EOD
# x y
-3.844889081802002 0.441
-1.8808416063209372 0.498
-1.1427129373881684 0.531
-0.20240763072613482 0.531
0.9649969080739429 0.584
2.2606887730103313 0.687
3.8451655751529676 0.712
EOD
$fit << EOD
# x fitted_y
-3.844889081802002 0.42597140750894114
-1.8808416063209372 0.49910629338779927
-1.1427129373881684 0.5265918591087039
-0.20240763072613482 0.5616058402637004
0.9649969080739429 0.605076275059933
2.2606887730103313 0.6533237221605065
3.8451655751529676 0.7123246025104158
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
set yrange [0.4:0.75]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.8451655751529685, first 0.7211729171171575 center font ',8' textcolor rgb '#D55E00' front
set label 'Large 70B' at first 3.9113907407158823, first 0.7051179775280898 left font ',8' textcolor rgb '#333333' front
set label 'a|b *c* [d](e)' at first 2.1779073160566886, first 0.687 right font ',8' textcolor rgb '#333333' front
set label '<script>alert(1)</script>' at first 1.0477783650275851, first 0.584 left font ',8' textcolor rgb '#333333' front
set label 'Mid 7B' at first -0.11962617377249174, first 0.531 left font ',8' textcolor rgb '#333333' front
set label 'O''Brien' at first -1.2254943943418106, first 0.531 right font ',8' textcolor rgb '#333333' front
set label 'Tiny 1B' at first -3.927670538755644, first 0.441 right font ',8' textcolor rgb '#333333' front
set label '"><img src=x onerror=alert(…' at first -1.814616440758023, first 0.4911179775280899 left font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/cap-read.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Reading' . "\n" . 'Spearman ρ = 99.1% · n = 7 · tracks capabilities' textcolor rgb '#e6e8eb'
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
set yrange [0.4:0.75]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.8451655751529685, first 0.7211729171171575 center font ',8' textcolor rgb '#D55E00' front
set label 'Large 70B' at first 3.9113907407158823, first 0.7051179775280898 left font ',8' textcolor rgb '#c9ced6' front
set label 'a|b *c* [d](e)' at first 2.1779073160566886, first 0.687 right font ',8' textcolor rgb '#c9ced6' front
set label '<script>alert(1)</script>' at first 1.0477783650275851, first 0.584 left font ',8' textcolor rgb '#c9ced6' front
set label 'Mid 7B' at first -0.11962617377249174, first 0.531 left font ',8' textcolor rgb '#c9ced6' front
set label 'O''Brien' at first -1.2254943943418106, first 0.531 right font ',8' textcolor rgb '#c9ced6' front
set label 'Tiny 1B' at first -3.927670538755644, first 0.441 right font ',8' textcolor rgb '#c9ced6' front
set label '"><img src=x onerror=alert(…' at first -1.814616440758023, first 0.4911179775280899 left font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'base/dark/cap-read.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output
