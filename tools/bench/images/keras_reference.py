# Keras itself on the models of the Keras benchmark (tools/bench/images/keras.mjs), trained on the same data
# files the benchmark trains Hourglass on, so that both figures come from one split.
#
#   usage: python keras_reference.py DATA_DIR KIND EPOCHS
#   DATA_DIR holds train.f32 and test.f32 (little-endian float32, N x 784, values in [0, 1]).
#   KIND: simple (K1), sparse (K2), deep (K3), conv (K4), convT (K5), denoise (K6), cvae (K7), mlpvae (T1)
#   prints one line: RESULT {json}, with testLoss in the unit of the benchmark's row:
#   BCE per pixel (K1-K6), summed BCE + KL per image (K7), 784 x MSE + KL per image (T1).
#
# The models follow their published sources: the Keras blog "Building Autoencoders in Keras" (K1-K4),
# keras-io examples/vision/autoencoder (K5, K6), keras-io examples/generative/vae (K7) and tensorflow/tfjs-examples
# fashion-mnist-vae (T1: Adam 1e-3, batch 256, batches in data order).
import sys, os, json
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')
import numpy as np
import tensorflow as tf
import keras
from keras import layers, regularizers

d, kind, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3])
load = lambda n: np.fromfile(os.path.join(d, n), dtype=np.float32).reshape(-1, 784)
xtr, xte = load('train.f32'), load('test.f32')
keras.utils.set_random_seed(1)
img = lambda a: a.reshape(-1, 28, 28, 1)
result = dict(kind=kind, epochs=epochs, keras=keras.__version__)


def dense_ae(sizes, code_reg=None):
    i = keras.Input((784,)); x = i
    for k, s in enumerate(sizes):
        x = layers.Dense(s, activation='relu', activity_regularizer=code_reg if k == len(sizes) // 2 else None, name='code' if k == len(sizes) // 2 else None)(x)
    return keras.Model(i, layers.Dense(784, activation='sigmoid')(x))


def conv_transpose_ae():
    i = keras.Input((28, 28, 1))
    x = layers.Conv2D(32, 3, activation='relu', padding='same')(i); x = layers.MaxPooling2D(2, padding='same')(x)
    x = layers.Conv2D(32, 3, activation='relu', padding='same')(x); x = layers.MaxPooling2D(2, padding='same')(x)
    x = layers.Conv2DTranspose(32, 3, strides=2, activation='relu', padding='same')(x)
    x = layers.Conv2DTranspose(32, 3, strides=2, activation='relu', padding='same')(x)
    return keras.Model(i, layers.Conv2D(1, 3, activation='sigmoid', padding='same')(x))


def conv_ae():
    i = keras.Input((28, 28, 1)); x = i
    for f in (16, 8, 8): x = layers.Conv2D(f, 3, activation='relu', padding='same')(x); x = layers.MaxPooling2D(2, padding='same')(x)
    x = layers.Conv2D(8, 3, activation='relu', padding='same')(x); x = layers.UpSampling2D(2)(x)
    x = layers.Conv2D(8, 3, activation='relu', padding='same')(x); x = layers.UpSampling2D(2)(x)
    x = layers.Conv2D(16, 3, activation='relu')(x); x = layers.UpSampling2D(2)(x)
    return keras.Model(i, layers.Conv2D(1, 3, activation='sigmoid', padding='same')(x))


def fit_ae(m, xin, yin, xval, yval, bs):
    m.compile(optimizer='adam', loss='binary_crossentropy')
    h = m.fit(xin, yin, epochs=epochs, batch_size=bs, shuffle=True, validation_data=(xval, yval), verbose=0)
    result.update(trainLoss=h.history['loss'][-1], testLoss=h.history['val_loss'][-1], parameters=m.count_params())


class Vae(keras.Model):
    """Encoder to (mean, logVar), sampled code, decoder; loss = reconstruction per image + KL per image."""

    def __init__(self, encoder, decoder, recon):
        super().__init__()
        self.encoder, self.decoder, self.recon = encoder, decoder, recon

    def terms(self, x):
        mean, log_var = self.encoder(x)
        z = mean + tf.exp(0.5 * log_var) * tf.random.normal(tf.shape(mean))
        out = self.decoder(z)
        rec = tf.reduce_mean(self.recon(x, out))
        kl = tf.reduce_mean(tf.reduce_sum(-0.5 * (1 + log_var - tf.square(mean) - tf.exp(log_var)), axis=1))
        return rec, kl

    def train_step(self, data):
        x = data[0] if isinstance(data, tuple) else data
        with tf.GradientTape() as tape:
            rec, kl = self.terms(x)
            loss = rec + kl
        grads = tape.gradient(loss, self.trainable_weights)
        self.optimizer.apply_gradients(zip(grads, self.trainable_weights))
        return {'loss': loss, 'reconstruction': rec, 'kl': kl}


def vae_run(encoder, decoder, recon, x_train, x_test, bs, shuffle):
    m = Vae(encoder, decoder, recon)
    m.compile(optimizer=keras.optimizers.Adam())
    h = m.fit(x_train, epochs=epochs, batch_size=bs, shuffle=shuffle, verbose=0)
    rec, kl = [], []
    for s in range(0, len(x_test), 500):
        r, k = m.terms(x_test[s:s + 500]); rec.append(float(r) * len(x_test[s:s + 500])); kl.append(float(k) * len(x_test[s:s + 500]))
    n = len(x_test)
    result.update(trainLoss=float(h.history['loss'][-1]), testReconstruction=sum(rec) / n, testKl=sum(kl) / n, testLoss=(sum(rec) + sum(kl)) / n,
                  parameters=encoder.count_params() + decoder.count_params())


if kind in ('simple', 'deep', 'sparse'):
    sizes = [128, 64, 32, 64, 128] if kind == 'deep' else [32]
    m = dense_ae(sizes, regularizers.l1(1e-4) if kind == 'sparse' else None)
    fit_ae(m, xtr, xtr, xte, xte, 256)
    if kind != 'deep':
        codes = keras.Model(m.input, m.get_layer('code').output).predict(xte, verbose=0)
        result.update(meanCodeActivation=float(codes.mean()))
elif kind == 'conv':
    fit_ae(conv_ae(), img(xtr), img(xtr), img(xte), img(xte), 128)
elif kind in ('convT', 'denoise'):
    m = conv_transpose_ae()
    if kind == 'denoise':
        rng = np.random.default_rng(1)
        noisy = lambda a: np.clip(a + 0.4 * rng.normal(size=a.shape), 0, 1).astype(np.float32)
        fit_ae(m, img(noisy(xtr)), img(xtr), img(noisy(xte)), img(xte), 128)
    else:
        fit_ae(m, img(xtr), img(xtr), img(xte), img(xte), 128)
elif kind == 'cvae':
    i = keras.Input((28, 28, 1))
    x = layers.Conv2D(32, 3, activation='relu', strides=2, padding='same')(i)
    x = layers.Conv2D(64, 3, activation='relu', strides=2, padding='same')(x)
    x = layers.Dense(16, activation='relu')(layers.Flatten()(x))
    enc = keras.Model(i, [layers.Dense(2)(x), layers.Dense(2)(x)])
    z = keras.Input((2,))
    y = layers.Reshape((7, 7, 64))(layers.Dense(7 * 7 * 64, activation='relu')(z))
    y = layers.Conv2DTranspose(64, 3, activation='relu', strides=2, padding='same')(y)
    y = layers.Conv2DTranspose(32, 3, activation='relu', strides=2, padding='same')(y)
    dec = keras.Model(z, layers.Conv2DTranspose(1, 3, activation='sigmoid', padding='same')(y))
    bce = lambda a, b: tf.reduce_sum(keras.losses.binary_crossentropy(a, b), axis=(1, 2))
    vae_run(enc, dec, bce, img(xtr), img(xte), 128, True)
elif kind == 'mlpvae':
    i = keras.Input((784,))
    h = layers.Dense(512, activation='relu')(i)
    enc = keras.Model(i, [layers.Dense(2)(h), layers.Dense(2)(h)])
    z = keras.Input((2,))
    dec = keras.Model(z, layers.Dense(784, activation='sigmoid')(layers.Dense(512, activation='relu')(z)))
    mse = lambda a, b: 784 * tf.reduce_mean(tf.square(a - b), axis=1)
    vae_run(enc, dec, mse, xtr, xte, 256, False)
else:
    sys.exit(f'unknown kind {kind}')
print('RESULT ' + json.dumps(result))
