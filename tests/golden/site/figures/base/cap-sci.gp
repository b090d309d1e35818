# washboard figure base/cap-sci: raw score against the capabilities score.
# Generated from data/report.json; the data is also in base/cap-sci.csv.
# Redraw it from the figures/ directory: gnuplot -d base/cap-sci.gp
reset
set encoding utf8
set title 'Science' . "\n" . 'Spearman ρ = 1.00 · n = 7 · tracks capabilities' textcolor rgb '#000000'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Accuracy'
$points << EOD
# x y
-3.5715456905297094 0.363
-1.6136497565288697 0.503
-0.8702196091948856 0.516
0.07508857551594879 0.585
1.2355921816948023 0.632
2.520858429477316 0.679
4.11479817242161 0.725
EOD
$fit << EOD
# x fitted_y
-3.5715456905297094 0.39308164370218135
-1.6136497565288697 0.48419387986072476
-0.8702196091948856 0.5187899898862771
0.07508857551594879 0.5627806540846433
1.2355921816948023 0.6167856074597411
2.520858429477316 0.6765964890602109
4.11479817242161 0.7507717359462214
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
set yrange [0.3:0.8]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 4.040294861163332, first 0.7507717359462214 right font ',8' textcolor rgb '#D55E00' front
set label 'Tiny 1B' at first -3.4970423792714316, first 0.363 left font ',8' textcolor rgb '#333333' front
set label 'Large 70B' at first 4.189301483679888, first 0.7249999999999999 left font ',8' textcolor rgb '#333333' front
set label 'Mid 7B' at first 0.14959188677422652, first 0.585 left font ',8' textcolor rgb '#333333' front
set label '"><img src=x onerror=alert(…' at first -1.5391464452705912, first 0.503 left font ',8' textcolor rgb '#333333' front
set label '<script>alert(1)</script>' at first 1.3100954929530797, first 0.632 left font ',8' textcolor rgb '#333333' front
set label 'O''Brien' at first -0.8702196091948853, first 0.5286404494382022 center font ',8' textcolor rgb '#333333' front
set label 'a|b *c* [d](e)' at first 2.595361740735595, first 0.679 left font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/cap-sci.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output
