# washboard figure base/hazard: raw score against the capabilities score.
# Generated from data/report.json; the data is also in base/hazard.csv.
# Redraw it from the figures/ directory: gnuplot -d base/hazard.gp
reset
set encoding utf8
set title 'Hazardous knowledge' . "\n" . 'Spearman ρ = -92.9% · n = 7 · worsens with capabilities' textcolor rgb '#1b1d21'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Accuracy (lower is safer, negated)'
$points << EOD
# x y
-3.844889081802002 0.714
-1.8808416063209372 0.674
-1.1427129373881684 0.631
-0.20240763072613482 0.658
0.9649969080739429 0.625
2.2606887730103313 0.553
3.8451655751529676 0.575
EOD
$fit << EOD
# x fitted_y
-3.844889081802002 0.7090926978685814
-1.8808416063209372 0.6701500271760009
-1.1427129373881684 0.6555145858020794
-0.20240763072613482 0.636870433680015
0.9649969080739429 0.6137234114786397
2.2606887730103313 0.5880327383940115
3.8451655751529676 0.5566161056006721
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
set yrange [0.54:0.74]
set xtics 1
set ytics 0.02
set label 'what capabilities predict' at first 3.8451655751529685, first 0.5515599258253912 center font ',8' textcolor rgb '#7B3294' front
set label 'Large 70B' at first 3.9279470321066103, first 0.575 left font ',8' textcolor rgb '#333333' front
set label 'a|b *c* [d](e)' at first 2.1779073160566886, first 0.553 right font ',8' textcolor rgb '#333333' front
set label '<script>alert(1)</script>' at first 1.0477783650275851, first 0.625 left font ',8' textcolor rgb '#333333' front
set label 'Mid 7B' at first -0.11962617377249174, first 0.658 left font ',8' textcolor rgb '#333333' front
set label 'O''Brien' at first -1.0599314804345261, first 0.631 left font ',8' textcolor rgb '#333333' front
set label 'Tiny 1B' at first -3.762107624848359, first 0.714 left font ',8' textcolor rgb '#333333' front
set label '"><img src=x onerror=alert(…' at first -1.798060149367294, first 0.674 left font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/hazard.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#7B3294' title 'what capabilities predict'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Hazardous knowledge' . "\n" . 'Spearman ρ = -92.9% · n = 7 · worsens with capabilities' textcolor rgb '#e6e8eb'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Accuracy (lower is safer, negated)'
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
set yrange [0.54:0.74]
set xtics 1
set ytics 0.02
set label 'what capabilities predict' at first 3.8451655751529685, first 0.5515599258253912 center font ',8' textcolor rgb '#7B3294' front
set label 'Large 70B' at first 3.9279470321066103, first 0.575 left font ',8' textcolor rgb '#c9ced6' front
set label 'a|b *c* [d](e)' at first 2.1779073160566886, first 0.553 right font ',8' textcolor rgb '#c9ced6' front
set label '<script>alert(1)</script>' at first 1.0477783650275851, first 0.625 left font ',8' textcolor rgb '#c9ced6' front
set label 'Mid 7B' at first -0.11962617377249174, first 0.658 left font ',8' textcolor rgb '#c9ced6' front
set label 'O''Brien' at first -1.0599314804345261, first 0.631 left font ',8' textcolor rgb '#c9ced6' front
set label 'Tiny 1B' at first -3.762107624848359, first 0.714 left font ',8' textcolor rgb '#c9ced6' front
set label '"><img src=x onerror=alert(…' at first -1.798060149367294, first 0.674 left font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'base/dark/hazard.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#7B3294' title 'what capabilities predict'
unset output
