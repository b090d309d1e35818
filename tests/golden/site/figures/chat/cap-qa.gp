# washboard figure chat/cap-qa: raw score against the capabilities score.
# Generated from data/report.json; the data is also in chat/cap-qa.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/cap-qa.gp
reset
set encoding utf8
set title 'QA' . "\n" . 'Spearman ρ = 1.00 · n = 7 · tracks capabilities' textcolor rgb '#000000'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Accuracy'
$points << EOD
# x y
-3.513205484221875 0.412
-2.385593158548831 0.439
-1.4331260178690644 0.511
0.33052011320313457 0.544
1.1376489455723586 0.588
2.083071759416429 0.657
3.7806838424478473 0.708
EOD
$fit << EOD
# x fitted_y
-3.513205484221875 0.40532455115335825
-2.385593158548831 0.4521728232959347
-1.4331260178690644 0.49174443740257723
0.33052011320313457 0.5650176466700942
1.1376489455723586 0.5985509722041017
2.083071759416429 0.637829919644066
3.7806838424478473 0.708359649629868
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
set yrange [0.35:0.75]
set xtics 1
set ytics 0.05
set label 'what capabilities predict' at first 3.7061805311895695, first 0.708359649629868 right font ',8' textcolor rgb '#D55E00' front
set label 'Mid Chat' at first 0.4050234244614135, first 0.544 left font ',8' textcolor rgb '#333333' front
set label 'Ünïcode 模型 – ok' at first -1.3586227066107859, first 0.511 left font ',8' textcolor rgb '#333333' front
set label 'Eve `id` @x $(id) \n' at first 2.1575750706747066, first 0.657 left font ',8' textcolor rgb '#333333' front
set label 'O''Brien Chat' at first -2.3110898472905532, first 0.439 left font ',8' textcolor rgb '#333333' front
set label 'A model with a very long na…' at first 1.2121522568306364, first 0.588 left font ',8' textcolor rgb '#333333' front
set label 'Small Chat' at first -3.438702172963597, first 0.412 left font ',8' textcolor rgb '#333333' front
set label 'Large Chat' at first 3.855187153706126, first 0.708 left font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/cap-qa.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#D55E00' title 'what capabilities predict'
unset output
