/**
 * Picks the cheaper of the two filter-gradient strategies with a cost model
 * fitted to measurements on tfjs-backend-wasm 4.22 (x86-64, SIMD build):
 *
 * - XNNPACK re-packs the conv "weights" on every call: ~10 ns per element
 *   (tfjs transposes them element by element, then XNNPACK packs them);
 * - an element-wise transpose costs ~4 ns per element, one that moves whole
 *   channel rows ~1 ns;
 * - the GEMM runs at ~20 GFLOP/s when the conv has >= 8 output channels and
 *   proportionally slower below that (the micro-kernel is 8 columns wide).
 *
 * x-as-input packs dy and has Co output channels; dy-as-input packs x, has
 * Ci output channels and pays stride^2 for the zeros it inserts into dy.
 * The direct kernel (filter-grad.wat, where it can run) packs nothing and
 * costs ~1.8 ns per step of four channels per tap per output pixel, single-
 * threaded: it wins for layers with one input or one output channel.
 */
import { dyAsInputApplies } from './dy-as-input.js';
import { filterGradFlops, type FilterGradGeometry } from './geometry.js';

export type FilterGradStrategy = 'x-as-input' | 'dy-as-input' | 'direct';

const PACK_NS = 10;
const SCATTER_NS = 4;
const ROW_MOVE_NS = 1;
const NS_PER_FLOP = 0.05;
const DIRECT_NS = 1.8;

function gemmNs(flops: number, outputChannels: number): number {
  return (flops * NS_PER_FLOP) / Math.min(1, outputChannels / 8);
}

/** Steps of the direct kernel: four channels (of Co, or of Ci when Co = 1) per tap per output pixel. */
function directSteps(g: FilterGradGeometry): number {
  const perTap = g.outChannels === 1 ? Math.ceil(g.inChannels / 4) : g.inChannels * Math.ceil(g.outChannels / 4);
  return g.batch * g.outHeight * g.outWidth * g.filterHeight * g.filterWidth * perTap;
}

/** Estimated nanoseconds of each strategy (exported for the benchmark); `direct` only where its kernels run. */
export function estimateFilterGradNs(g: FilterGradGeometry, directAvailable = false): Record<FilterGradStrategy, number> {
  const xSize = g.batch * g.inHeight * g.inWidth * g.inChannels;
  const dySize = g.batch * g.outHeight * g.outWidth * g.outChannels;
  const flops = filterGradFlops(g);
  const stride2 = g.strideHeight * g.strideWidth;
  return {
    'x-as-input':
      PACK_NS * dySize + SCATTER_NS * xSize + ROW_MOVE_NS * dySize + gemmNs(flops, g.outChannels),
    'dy-as-input': dyAsInputApplies(g)
      ? PACK_NS * xSize + ROW_MOVE_NS * xSize + SCATTER_NS * dySize * stride2 +
        gemmNs(flops * stride2, g.inChannels)
      : Number.POSITIVE_INFINITY,
    direct: directAvailable ? DIRECT_NS * directSteps(g) : Number.POSITIVE_INFINITY,
  };
}

/** The strategy with the lowest estimate (x-as-input on ties). */
export function chooseFilterGradStrategy(g: FilterGradGeometry, directAvailable = false): FilterGradStrategy {
  const cost = estimateFilterGradNs(g, directAvailable);
  const best = cost['dy-as-input'] < cost['x-as-input'] ? 'dy-as-input' : 'x-as-input';
  return cost.direct < cost[best] ? 'direct' : best;
}
