* Problem:    alliance
* Class:      MIP
* Rows:       29
* Columns:    37 (27 integer, 26 binary)
* Non-zeros:  148
* Format:     Free MPS
*
NAME alliance
ROWS
 N R0000000
 E units[1]
 E units[2]
 E units[3]
 E units[4]
 E units[5]
 E units[6]
 E units[7]
 E size[1]
 G above[1]
 G below[1]
 G lead[1]
 L cover[1,1]
 L cover[1,2]
 E size[2]
 G above[2]
 G below[2]
 G lead[2]
 L cover[2,3]
 E size[3]
 G above[3]
 G below[3]
 G lead[3]
 L cover[3,2]
 E size[4]
 G above[4]
 G below[4]
 G lead[4]
 L cover[4,1]
 L cover[4,3]
COLUMNS
 M0000001 'MARKER' 'INTORG'
 x[1,1] R0000000 -0.0124226 cover[1,2] -1
 x[1,1] lead[1] 1 below[1] 3
 x[1,1] above[1] -3 size[1] 1
 x[1,1] units[1] 1
 x[1,2] R0000000 -0.0124226 lead[2] 1
 x[1,2] below[2] 3 above[2] -3
 x[1,2] size[2] 1 units[1] 1
 x[1,3] R0000000 -0.0124226 cover[3,2] -1
 x[1,3] lead[3] 1 below[3] 3
 x[1,3] above[3] -3 size[3] 1
 x[1,3] units[1] 1
 x[1,4] R0000000 -0.0124226 lead[4] 1
 x[1,4] below[4] 3 above[4] -3
 x[1,4] size[4] 1 units[1] 1
 x[2,1] R0000000 -0.00496904 cover[1,1] -2
 x[2,1] lead[1] 1 below[1] 5
 x[2,1] above[1] -5 size[1] 1
 x[2,1] units[2] 1
 x[2,2] R0000000 -0.015713484 lead[2] 1
 x[2,2] below[2] 5 above[2] -5
 x[2,2] size[2] 1 units[2] 1
 x[2,3] R0000000 -0.01490712 lead[3] 1
 x[2,3] below[3] 5 above[3] -5
 x[2,3] size[3] 1 units[2] 1
 x[2,4] R0000000 -0.021081851 cover[4,1] -1
 x[2,4] lead[4] 1 below[4] 5
 x[2,4] above[4] -5 size[4] 1
 x[2,4] units[2] 1
 x[3,2] R0000000 -0.00496904 lead[2] 1
 x[3,2] below[2] 4 above[2] -4
 x[3,2] size[2] 1 units[3] 1
 x[3,3] R0000000 -0.021081851 lead[3] 1
 x[3,3] below[3] 4 above[3] -4
 x[3,3] size[3] 1 units[3] 1
 x[3,4] R0000000 -0.01490712 cover[4,1] -1
 x[3,4] lead[4] 1 below[4] 4
 x[3,4] above[4] -4 size[4] 1
 x[3,4] units[3] 1
 x[4,1] R0000000 -0.020487877 lead[1] 1
 x[4,1] below[1] 5 above[1] -5
 x[4,1] size[1] 1 units[4] 1
 x[4,2] R0000000 -0.022222222 lead[2] 1
 x[4,2] below[2] 5 above[2] -5
 x[4,2] size[2] 1 units[4] 1
 x[4,3] R0000000 -0.00496904 lead[3] 1
 x[4,3] below[3] 5 above[3] -5
 x[4,3] size[3] 1 units[4] 1
 x[4,4] R0000000 -0.00993808 lead[4] 1
 x[4,4] below[4] 5 above[4] -5
 x[4,4] size[4] 1 units[4] 1
 x[5,1] R0000000 -0.017916128 below[1] 1
 x[5,1] above[1] -1 size[1] 1
 x[5,1] units[5] 1
 x[5,2] R0000000 0.084286516 cover[2,3] -1
 x[5,2] below[2] 1 above[2] -1
 x[5,2] size[2] 1 units[5] 1
 x[5,3] R0000000 -0.011111111 below[3] 1
 x[5,3] above[3] -1 size[3] 1
 x[5,3] units[5] 1
 x[5,4] R0000000 -0.007027284 cover[4,3] -1
 x[5,4] below[4] 1 above[4] -1
 x[5,4] size[4] 1 units[5] 1
 x[6,1] R0000000 -0.021081851 below[1] 1
 x[6,1] above[1] -1 size[1] 1
 x[6,1] units[6] 1
 x[6,2] R0000000 -0.01490712 cover[2,3] -2
 x[6,2] below[2] 1 above[2] -1
 x[6,2] size[2] 1 units[6] 1
 x[6,3] R0000000 -0.015713484 below[3] 1
 x[6,3] above[3] -1 size[3] 1
 x[6,3] units[6] 1
 x[6,4] R0000000 -0.00496904 cover[4,3] -1
 x[6,4] below[4] 1 above[4] -1
 x[6,4] size[4] 1 units[6] 1
 x[7,1] R0000000 -0.01490712 cover[1,2] -1
 x[7,1] below[1] 2 above[1] -2
 x[7,1] size[1] 1 units[7] 1
 x[7,2] R0000000 -0.021081851 below[2] 2
 x[7,2] above[2] -2 size[2] 1
 x[7,2] units[7] 1
 x[7,3] R0000000 -0.00496904 cover[3,2] -2
 x[7,3] below[3] 2 above[3] -2
 x[7,3] size[3] 1 units[7] 1
 x[7,4] R0000000 -0.015713484 below[4] 2
 x[7,4] above[4] -2 size[4] 1
 x[7,4] units[7] 1
 M0000002 'MARKER' 'INTEND'
 cov[1,1] R0000000 0.1428571429 cover[1,1] 1
 cov[1,2] R0000000 0.0714285714 cover[1,2] 1
 cov[2,3] R0000000 0.0714285714 cover[2,3] 1
 cov[3,2] R0000000 0.1428571429 cover[3,2] 1
 cov[4,1] R0000000 0.0714285714 cover[4,1] 1
 cov[4,3] R0000000 0.1428571429 cover[4,3] 1
 e[1] R0000000 -0.015625 below[1] 1
 e[1] above[1] 1
 e[2] R0000000 -0.015625 below[2] 1
 e[2] above[2] 1
 e[3] R0000000 -0.015625 below[3] 1
 e[3] above[3] 1
 e[4] R0000000 -0.015625 below[4] 1
 e[4] above[4] 1
RHS
 RHS1 units[1] 1 units[2] 1
 RHS1 units[3] 1 units[4] 1
 RHS1 units[5] 1 units[6] 1
 RHS1 units[7] 1 size[1] 1
 RHS1 above[1] -6.8 below[1] 5.2
 RHS1 lead[1] 1 size[2] 1
 RHS1 above[2] -7.8 below[2] 6.2
 RHS1 lead[2] 1 size[3] 1
 RHS1 above[3] -5.8 below[3] 4.2
 RHS1 lead[3] 1 size[4] 1
 RHS1 above[4] -7.8 below[4] 6.2
 RHS1 lead[4] 1
RANGES
 RNG1 units[1] 1 units[5] 1
 RNG1 size[1] 2 size[2] 2
 RNG1 size[3] 2 size[4] 2
BOUNDS
 UP BND1 x[1,1] 1
 UP BND1 x[1,2] 1
 UP BND1 x[1,3] 1
 UP BND1 x[1,4] 1
 UP BND1 x[2,1] 1
 UP BND1 x[2,2] 1
 UP BND1 x[2,3] 1
 UP BND1 x[2,4] 1
 UP BND1 x[3,2] 1
 UP BND1 x[3,3] 1
 UP BND1 x[3,4] 1
 UP BND1 x[4,1] 1
 UP BND1 x[4,2] 1
 FX BND1 x[4,3] 1
 UP BND1 x[4,4] 1
 UP BND1 x[5,1] 1
 UP BND1 x[5,2] 1
 UP BND1 x[5,3] 1
 UP BND1 x[5,4] 1
 UP BND1 x[6,1] 1
 UP BND1 x[6,2] 1
 UP BND1 x[6,3] 1
 UP BND1 x[6,4] 1
 UP BND1 x[7,1] 1
 UP BND1 x[7,2] 1
 UP BND1 x[7,3] 1
 UP BND1 x[7,4] 1
 UP BND1 cov[1,1] 2
 UP BND1 cov[1,2] 1
 UP BND1 cov[2,3] 2
 UP BND1 cov[3,2] 2
 UP BND1 cov[4,1] 1
 UP BND1 cov[4,3] 1
ENDATA
