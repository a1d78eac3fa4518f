# Keras itself on the VAE of the generation benchmark's NLL figure (tools/bench/images/generation.mjs --part nll),
# trained on the same binarised digits, then measured with the same importance-sampled estimator on the same
# binarised test digits, so that Hourglass' figure has a like-for-like reference.
#
#   usage: python vae_nll_reference.py DATA_DIR EPOCHS SAMPLES [LATENT] [SEED]
#   DATA_DIR holds train.f32 and test.f32 (little-endian float32, N x 784, values 0 or 1).
#   prints one line: RESULT {json}, with nats: the mean importance-sampled NLL per test image.
#
# The model is Hourglass' "undercomplete" (hidden [512], code 256, ReLU) + "variational" (latent 16) VAE:
#   encoder 784-512-256 (ReLU, Glorot-uniform kernels, zero biases), a mean head (Glorot) and a log-variance head
#   (zero kernel) of LATENT units; decoder LATENT-512 (ReLU)-784 logits, a Bernoulli decoder.
# The loss is Hourglass': binary cross-entropy from the logits averaged over the 784 pixels, plus the KL divergence
# to N(0, I) divided by 784 (the negative ELBO per pixel), averaged over the batch. Adam at a constant 1e-3
# (beta1 0.9, beta2 0.999, epsilon 1e-8, as Hourglass' Adam), batches of 128 reshuffled every epoch.
#
# The estimator is core's importanceNll (packages/core/src/analysis/nll.ts), Burda et al.'s:
#   log p(x) ~= logsumexp_k [log p(x|z_k) + log p(z_k) - log q(z_k|x)] - log K,  z_k ~ q(z|x),
# summed over the pixels, reported as -log p(x) in nats per image. Measured figures: generation.mjs' header.
import sys, os, json, time
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')
import numpy as np
import tensorflow as tf
import keras
from keras import layers

d, epochs, samples = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
latent = int(sys.argv[4]) if len(sys.argv) > 4 else 16
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 1
D = 784
load = lambda n: np.fromfile(os.path.join(d, n), dtype=np.float32).reshape(-1, D)
xtr, xte = load('train.f32'), load('test.f32')
if not all(np.isin(a, (0.0, 1.0)).all() for a in (xtr, xte)):
    sys.exit('vae_nll_reference.py: expected binarised data (values 0 or 1)')
keras.utils.set_random_seed(seed)

i = keras.Input((D,))
h = layers.Dense(256, activation='relu')(layers.Dense(512, activation='relu')(i))
encoder = keras.Model(i, [layers.Dense(latent)(h), layers.Dense(latent, kernel_initializer='zeros')(h)])
z_in = keras.Input((latent,))
decoder = keras.Model(z_in, layers.Dense(D)(layers.Dense(512, activation='relu')(z_in)))


def bce_sum(logits, x):
    """Summed binary cross-entropy per image, from logits: sum(softplus(l) - l x) = -log p(x | z)."""
    return tf.reduce_sum(tf.nn.softplus(logits) - logits * x, axis=-1)


class Vae(keras.Model):
    """The encoder, a sampled code and the decoder; the loss is the negative ELBO per pixel, its epoch mean tracked."""

    def __init__(self):
        super().__init__()
        self.encoder, self.decoder = encoder, decoder
        self.seeds = keras.random.SeedGenerator(seed)
        self.mean_loss = keras.metrics.Mean(name='loss')

    @property
    def metrics(self):
        return [self.mean_loss]

    def train_step(self, data):
        x = data[0] if isinstance(data, tuple) else data
        with tf.GradientTape() as tape:
            mean, log_var = self.encoder(x, training=True)
            z = mean + tf.exp(0.5 * log_var) * keras.random.normal(tf.shape(mean), seed=self.seeds)
            rec = tf.reduce_mean(bce_sum(self.decoder(z, training=True), x)) / D
            kl = tf.reduce_mean(tf.reduce_sum(-0.5 * (1 + log_var - tf.square(mean) - tf.exp(log_var)), axis=1)) / D
            loss = rec + kl
        grads = tape.gradient(loss, self.trainable_weights)
        self.optimizer.apply_gradients(zip(grads, self.trainable_weights))
        self.mean_loss.update_state(loss)
        return {'loss': self.mean_loss.result()}


vae = Vae()
vae.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-8))
started = time.time()
hist = vae.fit(xtr, epochs=epochs, batch_size=128, shuffle=True, verbose=0)
train_seconds = time.time() - started

LOG_2PI = float(np.log(2 * np.pi))


@tf.function(reduce_retracing=True)
def log_weights(x, mean, log_var, eps):
    """log p(x|z) + log p(z) - log q(z|x) for eps [s, n, latent]: shape [s, n]."""
    z = mean[None] + tf.exp(0.5 * log_var)[None] * eps
    logits = tf.reshape(decoder(tf.reshape(z, [-1, latent])), [tf.shape(eps)[0], tf.shape(x)[0], D])
    log_px = -bce_sum(logits, x[None])
    log_pz = -0.5 * (tf.reduce_sum(tf.square(z), -1) + latent * LOG_2PI)
    log_q = -0.5 * (tf.reduce_sum(tf.square(eps) + log_var[None], -1) + latent * LOG_2PI)
    return log_px + log_pz - log_q


started = time.time()
rng = np.random.default_rng(seed + 1)
nll = []
per_chunk = 50  # posterior samples per decoder call (50 x 100 images x 784 logits)
for at in range(0, len(xte), 100):
    x = xte[at:at + 100]
    mean, log_var = (t.numpy() for t in encoder(x, training=False))
    w = np.concatenate([
        log_weights(x, mean, log_var, rng.standard_normal((min(per_chunk, samples - k), len(x), latent)).astype(np.float32)).numpy().astype(np.float64)
        for k in range(0, samples, per_chunk)
    ])
    top = w.max(0)
    nll.append(-(top + np.log(np.exp(w - top).sum(0)) - np.log(samples)))
nll = np.concatenate(nll)

print('RESULT ' + json.dumps(dict(
    epochs=epochs, latent=latent, samples=samples, train=len(xtr), test=len(xte), keras=keras.__version__, tensorflow=tf.__version__,
    nats=float(nll.mean()), trainLoss=float(hist.history['loss'][-1]), trainSeconds=train_seconds, nllSeconds=time.time() - started,
    parameters=encoder.count_params() + decoder.count_params())))
