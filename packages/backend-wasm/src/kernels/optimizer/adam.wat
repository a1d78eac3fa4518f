;; The Adam update of one weight tensor in one pass, in WebAssembly SIMD,
;; four floats at a time, then the remaining ones one by one. It reads w, g,
;; m and v and writes w', m' and v' to new buffers on tfjs' heap (pointers
;; are byte offsets, n is the number of floats). Every step is the float32
;; operation, in the order, of core's plain-ops rule (`train/optimizers.ts`),
;; with no fused multiply-add, so the results equal that rule's bit for bit:
;;
;;   g  = g + w wd            (only when wd > 0)
;;   m' = m b1 + g c1         (c1 = 1 - b1, rounded to float32 by the caller)
;;   v' = v b2 + (g g) c2     (c2 = 1 - b2)
;;   w' = w - (m' lr) / (sqrt(v') + eps)
(module
  (import "env" "memory" MEMORY_IMPORT)

  (func (export "adam")
    (param $w i32) (param $g i32) (param $m i32) (param $v i32)
    (param $wo i32) (param $mo i32) (param $vo i32) (param $n i32)
    (param $lr f32) (param $b1 f32) (param $c1 f32) (param $b2 f32) (param $c2 f32)
    (param $eps f32) (param $wd f32)
    (local $i i32) (local $end4 i32) (local $off i32) (local $decay i32)
    (local $W v128) (local $G v128) (local $M v128) (local $V v128)
    (local $LR v128) (local $B1 v128) (local $C1 v128) (local $B2 v128) (local $C2 v128)
    (local $EPS v128) (local $WD v128)
    (local $ws f32) (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $decay (f32.gt (local.get $wd) (f32.const 0)))
    (local.set $LR (f32x4.splat (local.get $lr)))
    (local.set $B1 (f32x4.splat (local.get $b1)))
    (local.set $C1 (f32x4.splat (local.get $c1)))
    (local.set $B2 (f32x4.splat (local.get $b2)))
    (local.set $C2 (f32x4.splat (local.get $c2)))
    (local.set $EPS (f32x4.splat (local.get $eps)))
    (local.set $WD (f32x4.splat (local.get $wd)))
    (local.set $end4 (i32.and (local.get $n) (i32.const -4)))
    (local.set $i (i32.const 0))
    (block $done4 (loop $loop4
      (br_if $done4 (i32.ge_u (local.get $i) (local.get $end4)))
      (local.set $off (i32.shl (local.get $i) (i32.const 2)))
      (local.set $W (v128.load (i32.add (local.get $w) (local.get $off))))
      (local.set $G (v128.load (i32.add (local.get $g) (local.get $off))))
      (if (local.get $decay)
        (then (local.set $G (f32x4.add (local.get $G) (f32x4.mul (local.get $W) (local.get $WD))))))
      (local.set $M (f32x4.add
        (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $off))) (local.get $B1))
        (f32x4.mul (local.get $G) (local.get $C1))))
      (local.set $V (f32x4.add
        (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $off))) (local.get $B2))
        (f32x4.mul (f32x4.mul (local.get $G) (local.get $G)) (local.get $C2))))
      (v128.store (i32.add (local.get $mo) (local.get $off)) (local.get $M))
      (v128.store (i32.add (local.get $vo) (local.get $off)) (local.get $V))
      (v128.store (i32.add (local.get $wo) (local.get $off))
        (f32x4.sub (local.get $W)
          (f32x4.div (f32x4.mul (local.get $M) (local.get $LR))
            (f32x4.add (f32x4.sqrt (local.get $V)) (local.get $EPS)))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $loop4)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $off (i32.shl (local.get $i) (i32.const 2)))
      (local.set $ws (f32.load (i32.add (local.get $w) (local.get $off))))
      (local.set $gs (f32.load (i32.add (local.get $g) (local.get $off))))
      (if (local.get $decay)
        (then (local.set $gs (f32.add (local.get $gs) (f32.mul (local.get $ws) (local.get $wd))))))
      (local.set $ms (f32.add
        (f32.mul (f32.load (i32.add (local.get $m) (local.get $off))) (local.get $b1))
        (f32.mul (local.get $gs) (local.get $c1))))
      (local.set $vs (f32.add
        (f32.mul (f32.load (i32.add (local.get $v) (local.get $off))) (local.get $b2))
        (f32.mul (f32.mul (local.get $gs) (local.get $gs)) (local.get $c2))))
      (f32.store (i32.add (local.get $mo) (local.get $off)) (local.get $ms))
      (f32.store (i32.add (local.get $vo) (local.get $off)) (local.get $vs))
      (f32.store (i32.add (local.get $wo) (local.get $off))
        (f32.sub (local.get $ws)
          (f32.div (f32.mul (local.get $ms) (local.get $lr))
            (f32.add (f32.sqrt (local.get $vs)) (local.get $eps)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $loop)))))
