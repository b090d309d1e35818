# washboard figure base/cap-math: raw score against the capabilities score.
# Generated from data/report.json; the data is also in base/cap-math.csv.
# Redraw it from the figures/ directory: gnuplot -d base/cap-math.gp
reset
set encoding utf8
set title 'Math' . "\n" . 'Spearman ρ = 0.96 · n = 7 · tracks capabilities' textcolor rgb '#000000'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Accuracy'
$points << EOD
# x y
-3.844889081802002 0.392
-1.8808416063209372 0.501
-1.1427129373881684 0.489
-0.20240763072613482 0.524
0.9649969080739429 0.637
2.2606887730103313 0.648
3.8451655751529676 0.728
EOD
$fit << EOD
# x fitted_y
-3.844889081802002 0.39231556503847875
-1.8808416063209372 0.47789920762268556
-1.1427129373881684 0.510063267286073
-0.20240763072613482 0.551037202127279
0.9649969080739429 0.6019070176725346
2.2606887730103313 0.6583669713408233
3.8451655751529676 0.7274107689121257
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
set yrange [0.35:0.75]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.762384118199325, first 0.7274107689121257 right font ',8' textcolor rgb '#D55E00' front
set label '<script>alert(1)</script>' at first 1.0477783650275851, first 0.637 left font ',8' textcolor rgb '#333333' front
set label 'Mid 7B' at first -0.11962617377249174, first 0.524 left font ',8' textcolor rgb '#333333' front
set label '"><img src=x onerror=alert(…' at first -1.798060149367294, first 0.501 left font ',8' textcolor rgb '#333333' front
set label 'O''Brien' at first -1.0599314804345261, first 0.489 left font ',8' textcolor rgb '#333333' front
set label 'a|b *c* [d](e)' at first 2.2606887730103313, first 0.6581123595505618 center font ',8' textcolor rgb '#333333' front
set label 'Large 70B' at first 3.9279470321066103, first 0.728 left font ',8' textcolor rgb '#333333' front
set label 'Tiny 1B' at first -3.762107624848359, first 0.392 left font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/cap-math.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output
