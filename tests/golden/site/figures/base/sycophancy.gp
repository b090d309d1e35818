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
set key outside bottom center horizontal reverse Left samplen 2
set offsets graph 0.04, graph 0.04, graph 0.06, graph 0.06
set label 'Tiny 1B' at first -3.5715456905297094, first 0.479 left offset char 0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label '"><img src=x onerror=alert(…' at first -1.6136497565288697, first 0.586 left offset char 0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label 'O''Brien' at first -0.8702196091948856, first 0.552 left offset char 0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label 'Mid 7B' at first 0.07508857551594879, first 0.56 left offset char 0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label '<script>alert(1)</script>' at first 1.2355921816948023, first 0.639 left offset char 0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label 'a|b *c* [d](e)' at first 2.520858429477316, first 0.611 right offset char -0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label 'Large 70B' at first 4.11479817242161, first 0.689 right offset char -0.6, char 0.4 font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/sycophancy.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#7B3294' title 'fit: what capabilities predict'
unset output
