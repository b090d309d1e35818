# washboard figure chat/compute/harm-refusal: raw score against training compute.
# Generated from data/report.json; the data is also in chat/compute/harm-refusal.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/compute/harm-refusal.gp
reset
set encoding utf8
set title 'Harm & <Refusal> "quoted"' . "\n" . 'Spearman ρ with training compute = — · n = 1' textcolor rgb '#000000'
unset border
unset tics
unset key
unset grid
set xrange [0:1]
set yrange [0:1]
set label 1 'not enough models with known training compute' at graph 0.5, graph 0.5 center font ',12' textcolor rgb '#666666'

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/compute/harm-refusal.svg'
plot 2 notitle
unset output
