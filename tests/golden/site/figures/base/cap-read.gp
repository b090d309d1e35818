# washboard figure base/cap-read: raw score against the capabilities score.
# Generated from data/report.json; the data is also in base/cap-read.csv.
# Redraw it from the figures/ directory: gnuplot -d base/cap-read.gp
reset
set encoding utf8
set title 'Reading' . "\n" . 'Spearman ρ = 0.99 · n = 7 · tracks capabilities' textcolor rgb '#000000'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Accuracy'
$points << EOD
# x y
-3.5715456905297094 0.441
-1.6136497565288697 0.498
-0.8702196091948856 0.531
0.07508857551594879 0.531
1.2355921816948023 0.584
2.520858429477316 0.687
4.11479817242161 0.712
EOD
$fit << EOD
# x fitted_y
-3.5715456905297094 0.426016100267931
-1.6136497565288697 0.49896009390595847
-0.8702196091948856 0.5266575639275826
0.07508857551594879 0.561876266318275
1.2355921816948023 0.6051123577754126
2.520858429477316 0.6529966458896649
4.11479817242161 0.7123809719151756
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
set xrange [-4:5]
set yrange [0.4:0.75]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 4.040294861163332, first 0.7123809719151756 right font ',8' textcolor rgb '#D55E00' front
set label 'a|b *c* [d](e)' at first 2.595361740735595, first 0.687 left font ',8' textcolor rgb '#333333' front
set label 'Mid 7B' at first 0.14959188677422652, first 0.531 left font ',8' textcolor rgb '#333333' front
set label '<script>alert(1)</script>' at first 1.3100954929530797, first 0.584 left font ',8' textcolor rgb '#333333' front
set label 'Tiny 1B' at first -3.4970423792714316, first 0.441 left font ',8' textcolor rgb '#333333' front
set label 'O''Brien' at first -0.7957162979366075, first 0.531 left font ',8' textcolor rgb '#333333' front
set label '"><img src=x onerror=alert(…' at first -1.5391464452705912, first 0.498 left font ',8' textcolor rgb '#333333' front
set label 'Large 70B' at first 4.189301483679888, first 0.712 left font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/cap-read.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output
