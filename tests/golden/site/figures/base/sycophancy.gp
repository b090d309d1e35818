# washboard figure base/sycophancy: raw score against the capabilities score.
# Generated from data/report.json; the data is also in base/sycophancy.csv.
# Redraw it from the figures/ directory: gnuplot -d base/sycophancy.gp
reset
set encoding utf8
set title 'Sycophancy' . "\n" . 'Spearman ρ = -0.86 · n = 7 · worsens with capabilities' textcolor rgb '#000000'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Sycophancy rate (lower is better)'
$points << EOD
# x y
-3.5715456905297094 0.479
-1.6136497565288697 0.586
-0.8702196091948856 0.552
0.07508857551594879 0.56
1.2355921816948023 0.639
2.520858429477316 0.611
4.11479817242161 0.689
EOD
$fit << EOD
# x fitted_y
-3.5715456905297094 0.4969265381362433
-1.6136497565288697 0.543341772910188
-0.8702196091948856 0.5609660420183133
0.07508857551594879 0.5833761714665244
1.2355921816948023 0.6108878723702241
2.520858429477316 0.6413572827213398
4.11479817242161 0.6791443203771669
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
set yrange [0.45:0.75]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 4.040294861163332, first 0.6791443203771668 right font ',8' textcolor rgb '#7B3294' front
set label '"><img src=x onerror=alert(…' at first -1.5391464452705912, first 0.586 left font ',8' textcolor rgb '#333333' front
set label 'a|b *c* [d](e)' at first 2.595361740735595, first 0.611 left font ',8' textcolor rgb '#333333' front
set label '<script>alert(1)</script>' at first 1.3100954929530797, first 0.639 left font ',8' textcolor rgb '#333333' front
set label 'Mid 7B' at first 0.14959188677422652, first 0.56 left font ',8' textcolor rgb '#333333' front
set label 'Tiny 1B' at first -3.4970423792714316, first 0.479 left font ',8' textcolor rgb '#333333' front
set label 'Large 70B' at first 4.189301483679888, first 0.689 left font ',8' textcolor rgb '#333333' front
set label 'O''Brien' at first -0.7957162979366075, first 0.552 left font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/sycophancy.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#7B3294' title 'what capabilities predict'
unset output
