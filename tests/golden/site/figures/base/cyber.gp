# washboard figure base/cyber: raw score against the capabilities score.
# Generated from data/report.json; the data is also in base/cyber.csv.
# Redraw it from the figures/ directory: gnuplot -d base/cyber.gp
reset
set encoding utf8
set title 'Cyber refusal' . "\n" . 'Spearman ρ = 0.29 · n = 7 · distinct from capabilities' textcolor rgb '#000000'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Score'
$points << EOD
# x y
-3.5715456905297094 0.464
-1.6136497565288697 0.396
-0.8702196091948856 0.502
0.07508857551594879 0.476
1.2355921816948023 0.454
2.520858429477316 0.442
4.11479817242161 0.522
EOD
$fit << EOD
# x fitted_y
-3.5715456905297094 0.4417417521613316
-1.6136497565288697 0.453668034082097
-0.8702196091948856 0.4581965472535725
0.07508857551594879 0.46395477562367315
1.2355921816948023 0.47102384039723943
2.520858429477316 0.4788528814346636
4.11479817242161 0.4885621690474228
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
set yrange [0.38:0.54]
set xtics 1
set ytics 0.02
set label 'what capabilities predict' at first 4.040294861163332, first 0.4885621690474228 right font ',8' textcolor rgb '#009E73' front
set label '"><img src=x onerror=alert(…' at first -1.5391464452705912, first 0.396 left font ',8' textcolor rgb '#333333' front
set label 'O''Brien' at first -0.7957162979366075, first 0.502 left font ',8' textcolor rgb '#333333' front
set label 'a|b *c* [d](e)' at first 2.595361740735595, first 0.442 left font ',8' textcolor rgb '#333333' front
set label 'Large 70B' at first 4.189301483679888, first 0.522 left font ',8' textcolor rgb '#333333' front
set label 'Tiny 1B' at first -3.4970423792714316, first 0.464 left font ',8' textcolor rgb '#333333' front
set label '<script>alert(1)</script>' at first 1.3100954929530797, first 0.454 left font ',8' textcolor rgb '#333333' front
set label 'Mid 7B' at first 0.14959188677422652, first 0.476 left font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/cyber.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#009E73' title 'what capabilities predict'
unset output
