;; A layer's bias and activation (identity or relu) and their gradient, in
;; WebAssembly SIMD, over rows of k channels (the last axis of any tensor):
;;
;;   forward:  y = act(x + b)                  one pass instead of Add, Relu
;;   backward: dPre = dy * step(y)  (relu)     one pass instead of Step,
;;             dPre = dy            (identity) Multiply and the bias
;;             dBias[c] = sum over rows dPre   gradient's reduction
;;
;; Each float32 operation is the one of the plain ops (relu as max(v, 0),
;; step(y) as y > 0 ? 1 : 0, times dy), so y and dPre equal them bit for
;; bit; the bias sums accumulate in float64 (scratch: k doubles) and are
;; rounded once, so they differ from a float32 reduction only by its
;; rounding. Four channels at a time, then the rest one by one.
(module
  (import "env" "memory" MEMORY_IMPORT)

  (func (export "forward") (param $x i32) (param $b i32) (param $y i32) (param $rows i32) (param $k i32) (param $relu i32)
    (local $r i32) (local $c i32) (local $k4 i32) (local $row i32) (local $v v128) (local $s f32)
    (local.set $k4 (i32.and (local.get $k) (i32.const -4)))
    (block $done_r (loop $loop_r
      (br_if $done_r (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $row (i32.shl (i32.mul (local.get $r) (local.get $k)) (i32.const 2)))
      (local.set $c (i32.const 0))
      (block $done4 (loop $loop4
        (br_if $done4 (i32.ge_u (local.get $c) (local.get $k4)))
        (local.set $v (f32x4.add
          (v128.load (i32.add (local.get $x) (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 2)))))
          (v128.load (i32.add (local.get $b) (i32.shl (local.get $c) (i32.const 2))))))
        (if (local.get $relu) (then (local.set $v (f32x4.max (local.get $v) (v128.const f32x4 0 0 0 0)))))
        (v128.store (i32.add (local.get $y) (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 2)))) (local.get $v))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $loop4)))
      (block $done1 (loop $loop1
        (br_if $done1 (i32.ge_u (local.get $c) (local.get $k)))
        (local.set $s (f32.add
          (f32.load (i32.add (local.get $x) (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 2)))))
          (f32.load (i32.add (local.get $b) (i32.shl (local.get $c) (i32.const 2))))))
        (if (local.get $relu) (then (local.set $s (f32.max (local.get $s) (f32.const 0)))))
        (f32.store (i32.add (local.get $y) (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 2)))) (local.get $s))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $loop1)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $loop_r))))

  ;; $acc: scratch for k doubles (8-byte aligned); $db receives the sums as float32.
  (func (export "backward") (param $dy i32) (param $y i32) (param $dpre i32) (param $db i32) (param $acc i32)
    (param $rows i32) (param $k i32) (param $relu i32)
    (local $r i32) (local $c i32) (local $k4 i32) (local $off i32) (local $a i32)
    (local $v v128) (local $s f32)
    (local.set $k4 (i32.and (local.get $k) (i32.const -4)))
    (memory.fill (local.get $acc) (i32.const 0) (i32.shl (local.get $k) (i32.const 3)))
    (block $done_r (loop $loop_r
      (br_if $done_r (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $c (i32.const 0))
      (block $done4 (loop $loop4
        (br_if $done4 (i32.ge_u (local.get $c) (local.get $k4)))
        (local.set $off (i32.shl (i32.add (i32.mul (local.get $r) (local.get $k)) (local.get $c)) (i32.const 2)))
        (local.set $v (v128.load (i32.add (local.get $dy) (local.get $off))))
        (if (local.get $relu)
          (then (local.set $v (f32x4.mul (local.get $v)
            (v128.and (f32x4.gt (v128.load (i32.add (local.get $y) (local.get $off))) (v128.const f32x4 0 0 0 0))
                      (v128.const f32x4 1 1 1 1))))))
        (v128.store (i32.add (local.get $dpre) (local.get $off)) (local.get $v))
        (local.set $a (i32.add (local.get $acc) (i32.shl (local.get $c) (i32.const 3))))
        (v128.store (local.get $a) (f64x2.add (v128.load (local.get $a)) (f64x2.promote_low_f32x4 (local.get $v))))
        (v128.store offset=16 (local.get $a) (f64x2.add (v128.load offset=16 (local.get $a))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $loop4)))
      (block $done1 (loop $loop1
        (br_if $done1 (i32.ge_u (local.get $c) (local.get $k)))
        (local.set $off (i32.shl (i32.add (i32.mul (local.get $r) (local.get $k)) (local.get $c)) (i32.const 2)))
        (local.set $s (f32.load (i32.add (local.get $dy) (local.get $off))))
        (if (local.get $relu)
          (then (local.set $s (f32.mul (local.get $s)
            (select (f32.const 1) (f32.const 0) (f32.gt (f32.load (i32.add (local.get $y) (local.get $off))) (f32.const 0)))))))
        (f32.store (i32.add (local.get $dpre) (local.get $off)) (local.get $s))
        (local.set $a (i32.add (local.get $acc) (i32.shl (local.get $c) (i32.const 3))))
        (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (f64.promote_f32 (local.get $s))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $loop1)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $loop_r)))
    (local.set $c (i32.const 0))
    (block $done_c (loop $loop_c
      (br_if $done_c (i32.ge_u (local.get $c) (local.get $k)))
      (f32.store (i32.add (local.get $db) (i32.shl (local.get $c) (i32.const 2)))
        (f32.demote_f64 (f64.load (i32.add (local.get $acc) (i32.shl (local.get $c) (i32.const 3))))))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $loop_c)))))
