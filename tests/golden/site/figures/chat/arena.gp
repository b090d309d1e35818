# washboard figure chat/arena: raw score against the capabilities score.
# Generated from data/report.json; the data is also in chat/arena.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/arena.gp
reset
set encoding utf8
set title 'Arena Elo' . "\n" . 'Spearman ρ = 100.0% · n = 7 · tracks capabilities' textcolor rgb '#1b1d21'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Elo'
$points << EOD
# x y
-3.513205484221875 1051.5
-2.385593158548831 1065.9
-1.4331260178690644 1081.9
0.33052011320313457 1108.5
1.1376489455723586 1119.6
2.083071759416429 1133.3
3.7806838424478473 1162.2
EOD
$fit << EOD
# x fitted_y
-3.513205484221875 1050.0957572403952
-2.385593158548831 1067.1632310013536
-1.4331260178690644 1081.5797175558296
0.33052011320313457 1108.274161541908
1.1376489455723586 1120.490816020168
2.083071759416429 1134.8006800584703
3.7806838424478473 1160.4956365818755
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
set yrange [1040:1180]
set xtics 1
set ytics 20
set label 'what capabilities predict' at first 3.7210811934412247, first 1163.2484455706394 right font ',8' textcolor rgb '#D55E00' front
set label 'Large Chat' at first 3.855187153706126, first 1162.2 left font ',8' textcolor rgb '#333333' front
set label 'Eve `id` @x $(id) \n' at first 2.1426744084230513, first 1130.547191011236 left font ',8' textcolor rgb '#333333' front
set label 'A model with a very long na…' at first 1.1972515945789803, first 1116.847191011236 left font ',8' textcolor rgb '#333333' front
set label 'Mid Chat' at first 0.3901227622097574, first 1105.747191011236 left font ',8' textcolor rgb '#333333' front
set label 'Ünïcode 模型 – ok' at first -1.373523368862441, first 1079.1471910112361 left font ',8' textcolor rgb '#333333' front
set arrow from first -3.513205484221875, first 1053.8595505617977 to first -3.513205484221875, first 1058.185393258427 nohead lw 0.8 lc rgb '#888888' back
set label 'Small Chat' at first -3.513205484221875, first 1060.1516853932585 center font ',8' textcolor rgb '#333333' front
set label 'O''Brien Chat' at first -2.3259905095422084, first 1063.1471910112361 left font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/arena.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Arena Elo' . "\n" . 'Spearman ρ = 100.0% · n = 7 · tracks capabilities' textcolor rgb '#e6e8eb'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Elo'
set border 3 lc rgb '#8b929c'
set tics nomirror out scale 0.6 textcolor rgb '#c9ced6'
set grid back lc rgb '#2a2e35' lw 1 dt solid
set key noautotitle textcolor rgb '#c9ced6'
unset key
set lmargin at screen 0.1222
set rmargin at screen 0.9611
set tmargin at screen 0.8583
set bmargin at screen 0.1167
set xrange [-4:5]
set yrange [1040:1180]
set xtics 1
set ytics 20
set label 'what capabilities predict' at first 3.7210811934412247, first 1163.2484455706394 right font ',8' textcolor rgb '#D55E00' front
set label 'Large Chat' at first 3.855187153706126, first 1162.2 left font ',8' textcolor rgb '#c9ced6' front
set label 'Eve `id` @x $(id) \n' at first 2.1426744084230513, first 1130.547191011236 left font ',8' textcolor rgb '#c9ced6' front
set label 'A model with a very long na…' at first 1.1972515945789803, first 1116.847191011236 left font ',8' textcolor rgb '#c9ced6' front
set label 'Mid Chat' at first 0.3901227622097574, first 1105.747191011236 left font ',8' textcolor rgb '#c9ced6' front
set label 'Ünïcode 模型 – ok' at first -1.373523368862441, first 1079.1471910112361 left font ',8' textcolor rgb '#c9ced6' front
set arrow from first -3.513205484221875, first 1053.8595505617977 to first -3.513205484221875, first 1058.185393258427 nohead lw 0.8 lc rgb '#888888' back
set label 'Small Chat' at first -3.513205484221875, first 1060.1516853932585 center font ',8' textcolor rgb '#c9ced6' front
set label 'O''Brien Chat' at first -2.3259905095422084, first 1063.1471910112361 left font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'chat/dark/arena.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output
