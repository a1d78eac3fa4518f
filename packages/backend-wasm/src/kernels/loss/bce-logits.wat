;; Binary cross-entropy from logits over rows of k entries, in WebAssembly
;; SIMD, in one pass: for each entry
;;
;;   e    = exp(-|z|)                      (range-reduced, degree-7 polynomial)
;;   loss = max(z, 0) + log1p(e) - z x     (log1p by its atanh series)
;;   g    = sigmoid(z) - x = (z >= 0 ? 1 : e) / (1 + e) - x
;;
;; writing g per entry and each row's sum of loss (accumulated in float64,
;; rounded once). -|z| is clamped at -87 so that exp stays a normal float.
;; Four entries at a time, then the rest one by one through the same
;; function on one lane.
(module
  (import "env" "memory" MEMORY_IMPORT)

  ;; loss and g for four entries; returns loss, writes g to $gp.
  (func $entries (param $z v128) (param $x v128) (param $gp i32) (result v128)
    (local $t v128) (local $n v128) (local $r v128) (local $p v128) (local $e v128)
    (local $s v128) (local $s2 v128) (local $q v128) (local $one v128)
    (local.set $one (f32x4.splat (f32.const 1)))
    ;; t = max(-|z|, -87); n = round(t log2 e); r = t - n ln2 (two parts)
    (local.set $t (f32x4.max (f32x4.neg (f32x4.abs (local.get $z))) (f32x4.splat (f32.const -87))))
    (local.set $n (f32x4.nearest (f32x4.mul (local.get $t) (f32x4.splat (f32.const 1.44269504088896341)))))
    (local.set $r (f32x4.sub (f32x4.sub (local.get $t) (f32x4.mul (local.get $n) (f32x4.splat (f32.const 0.693145751953125))))
                             (f32x4.mul (local.get $n) (f32x4.splat (f32.const 1.428606765330187e-6)))))
    ;; p = e^r, Horner: 1 + r (1 + r/2 (1 + r/3 (1 + r/4 (1 + r/5 (1 + r/6 (1 + r/7))))))
    (local.set $p (f32x4.add (local.get $one) (f32x4.mul (local.get $r) (f32x4.splat (f32.const 0.142857142857)))))
    (local.set $p (f32x4.add (local.get $one) (f32x4.mul (f32x4.mul (local.get $r) (f32x4.splat (f32.const 0.166666666667))) (local.get $p))))
    (local.set $p (f32x4.add (local.get $one) (f32x4.mul (f32x4.mul (local.get $r) (f32x4.splat (f32.const 0.2))) (local.get $p))))
    (local.set $p (f32x4.add (local.get $one) (f32x4.mul (f32x4.mul (local.get $r) (f32x4.splat (f32.const 0.25))) (local.get $p))))
    (local.set $p (f32x4.add (local.get $one) (f32x4.mul (f32x4.mul (local.get $r) (f32x4.splat (f32.const 0.333333333333))) (local.get $p))))
    (local.set $p (f32x4.add (local.get $one) (f32x4.mul (f32x4.mul (local.get $r) (f32x4.splat (f32.const 0.5))) (local.get $p))))
    (local.set $p (f32x4.add (local.get $one) (f32x4.mul (local.get $r) (local.get $p))))
    ;; e = p 2^n (n in [-126, 0]: the exponent field n + 127)
    (local.set $e (f32x4.mul (local.get $p)
      (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $n)) (i32x4.splat (i32.const 127))) (i32.const 23))))
    ;; log1p(e) = 2 s (1 + s^2/3 + s^4/5 + ... + s^12/13), s = e / (2 + e) in (0, 1/3]
    (local.set $s (f32x4.div (local.get $e) (f32x4.add (local.get $e) (f32x4.splat (f32.const 2)))))
    (local.set $s2 (f32x4.mul (local.get $s) (local.get $s)))
    (local.set $q (f32x4.add (f32x4.splat (f32.const 0.0909090909091)) (f32x4.mul (local.get $s2) (f32x4.splat (f32.const 0.0769230769231)))))
    (local.set $q (f32x4.add (f32x4.splat (f32.const 0.111111111111)) (f32x4.mul (local.get $s2) (local.get $q))))
    (local.set $q (f32x4.add (f32x4.splat (f32.const 0.142857142857)) (f32x4.mul (local.get $s2) (local.get $q))))
    (local.set $q (f32x4.add (f32x4.splat (f32.const 0.2)) (f32x4.mul (local.get $s2) (local.get $q))))
    (local.set $q (f32x4.add (f32x4.splat (f32.const 0.333333333333)) (f32x4.mul (local.get $s2) (local.get $q))))
    (local.set $q (f32x4.add (local.get $one) (f32x4.mul (local.get $s2) (local.get $q))))
    ;; g = (z >= 0 ? 1 : e) / (1 + e) - x
    (v128.store (local.get $gp)
      (f32x4.sub
        (f32x4.div (v128.bitselect (local.get $one) (local.get $e) (f32x4.ge (local.get $z) (f32x4.splat (f32.const 0))))
                   (f32x4.add (local.get $one) (local.get $e)))
        (local.get $x)))
    ;; loss = max(z, 0) + 2 s q - z x
    (f32x4.sub
      (f32x4.add (f32x4.max (local.get $z) (f32x4.splat (f32.const 0)))
                 (f32x4.mul (f32x4.add (local.get $s) (local.get $s)) (local.get $q)))
      (f32x4.mul (local.get $z) (local.get $x))))

  ;; $z, $x: [rows, k]; writes $g [rows, k] and $sums [rows]; $tmp: 16 bytes of scratch.
  (func (export "bce") (param $z i32) (param $x i32) (param $g i32) (param $sums i32) (param $tmp i32)
    (param $rows i32) (param $k i32)
    (local $r i32) (local $c i32) (local $k4 i32) (local $off i32) (local $l v128) (local $acc v128)
    (local.set $k4 (i32.and (local.get $k) (i32.const -4)))
    (block $done_r (loop $loop_r
      (br_if $done_r (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $acc (v128.const f64x2 0 0))
      (local.set $c (i32.const 0))
      (block $done4 (loop $loop4
        (br_if $done4 (i32.ge_u (local.get $c) (local.get $k4)))
        (local.set $off (i32.shl (i32.add (i32.mul (local.get $r) (local.get $k)) (local.get $c)) (i32.const 2)))
        (local.set $l (call $entries (v128.load (i32.add (local.get $z) (local.get $off))) (v128.load (i32.add (local.get $x) (local.get $off)))
          (i32.add (local.get $g) (local.get $off))))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.add (f64x2.promote_low_f32x4 (local.get $l))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $l) (local.get $l))))))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $loop4)))
      (block $done1 (loop $loop1
        (br_if $done1 (i32.ge_u (local.get $c) (local.get $k)))
        (local.set $off (i32.shl (i32.add (i32.mul (local.get $r) (local.get $k)) (local.get $c)) (i32.const 2)))
        (local.set $l (call $entries (f32x4.splat (f32.load (i32.add (local.get $z) (local.get $off))))
          (f32x4.splat (f32.load (i32.add (local.get $x) (local.get $off)))) (local.get $tmp)))
        (f32.store (i32.add (local.get $g) (local.get $off)) (f32.load (local.get $tmp)))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.replace_lane 1 (f64x2.promote_low_f32x4 (local.get $l)) (f64.const 0))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $loop1)))
      (f32.store (i32.add (local.get $sums) (i32.shl (local.get $r) (i32.const 2)))
        (f32.demote_f64 (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc)))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $loop_r)))))
