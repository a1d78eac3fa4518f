/**
 * Portable activations as ONNX: one node per layer activation (none for
 * linear), and the names (with their alpha and beta) that ONNX's recurrent
 * operators take in their `activations` attribute.
 */
import { LEAKY_RELU_ALPHA, type ActivationName } from '@hourglass/core';
import type { PortableActivation } from '../portable.js';
import type { OnnxAttribute, OnnxGraph } from './graph.js';

const NODES: Record<PortableActivation, [string, Record<string, OnnxAttribute>] | undefined> = {
  relu: ['Relu', {}],
  leakyRelu: ['LeakyRelu', { alpha: { float: LEAKY_RELU_ALPHA } }],
  elu: ['Elu', { alpha: { float: 1 } }],
  sigmoid: ['Sigmoid', {}],
  tanh: ['Tanh', {}],
  softplus: ['Softplus', {}],
  softmax: ['Softmax', { axis: { int: -1 } }],
  linear: undefined,
};

/**
 * `activation` applied to `input` (the input itself for linear).
 *
 * @example
 * const y = activate(g, 'leakyRelu', z, 'encoder_dense_0'); // a LeakyRelu node, alpha 0.2
 */
export function activate(g: OnnxGraph, activation: PortableActivation, input: string, stem: string): string {
  const node = NODES[activation];
  return node ? g.op(node[0], [input], node[1], `${stem}_${activation}`) : input;
}

/**
 * ONNX's name for a recurrent activation, with the alpha and beta it reads
 * (only those that read them have them: onnxruntime hands out the operator's
 * activation_alpha and activation_beta lists in order to the activations
 * that take a value, skipping the others).
 */
interface RecurrentActivation {
  name: string;
  alpha?: number;
  beta?: number;
}

const RECURRENT: Record<ActivationName, RecurrentActivation> = {
  relu: { name: 'Relu' },
  leakyRelu: { name: 'LeakyRelu', alpha: LEAKY_RELU_ALPHA },
  elu: { name: 'Elu', alpha: 1 },
  sigmoid: { name: 'Sigmoid' },
  tanh: { name: 'Tanh' },
  softplus: { name: 'Softplus' },
  linear: { name: 'Affine', alpha: 1, beta: 0 },
};

/**
 * The recurrent-operator attributes for `activations`, in order: their names and the alpha and beta lists (when any reads one).
 *
 * @example
 * recurrentActivations(['sigmoid', 'leakyRelu']); // { activations: { strings: ['Sigmoid', 'LeakyRelu'] }, activation_alpha: { floats: [0.2] } }
 */
export function recurrentActivations(activations: ActivationName[]): Record<string, OnnxAttribute> {
  const forms = activations.map((a) => RECURRENT[a]);
  const alphas = forms.flatMap((f) => (f.alpha === undefined ? [] : [f.alpha]));
  const betas = forms.flatMap((f) => (f.beta === undefined ? [] : [f.beta]));
  return {
    activations: { strings: forms.map((f) => f.name) },
    ...(alphas.length ? { activation_alpha: { floats: alphas } } : {}),
    ...(betas.length ? { activation_beta: { floats: betas } } : {}),
  };
}
