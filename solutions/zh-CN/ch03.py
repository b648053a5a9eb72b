# i18n-source: solutions/ch03.py sha=f12636763cff
"""笔记本 03（推导梯度）的参考解答，并说明每一行背后的道理。

J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2，偏置不受惩罚。下面每个函数都由
helpers.exercises.ch03 中对应的 ``check_*`` 检查。
"""

import numpy as np


def ridge_gradient(w, b, X, y, lam):
    """(grad_w, grad_b) = ((1/m) X^T r + (lam/m) w, mean(r))，其中 r = X w + b - y。

    为什么：dJ/dw_j = (1/m) sum_i r_i x_ij + (lam/m) w_j（平方求导得到的 2 与 1/2 相消）；
    把 j = 1..n 排在一起，sum_i r_i x_ij 就成了 X^T r 的第 j 个元素。偏置没有惩罚项，所以
    它的导数就是残差的均值。形状：X^T 为 (n, m)，r 为 (m,)，所以 X^T r 为 (n,)，与 w 相同；
    y 要保持一维，否则 r 会广播成 (m, m)。
    """
    m = X.shape[0]
    r = X @ w + b - y                          # 预测值减去目标值，形状 (m,)
    return X.T @ r / m + (lam / m) * w, float(np.mean(r))


def soft_threshold(z, t):
    """S_t(z) = sign(z) * max(|z| - t, 0)，逐元素计算。

    为什么：它逐个坐标地求解 min_v (v - z)^2 / 2 + t |v|。对 v > 0，导数在 v = z - t 处为零，
    这只有在 z > t 时才自洽；对称地，若 z < -t 则 v = z + t；其他情况下 0 属于次微分，
    v 恰好为 0。三种情况合起来就是这一行。
    """
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)


def weight_decay_step(w, b, X, y, lam, lr):
    """w <- (1 - lr*lam/m) w - lr (1/m) X^T r ;  b <- b - lr mean(r)（b 不做衰减）。

    为什么：w - lr * ((1/m) X^T r + (lam/m) w) = (1 - lr*lam/m) w - lr (1/m) X^T r，其中 r
    由旧的 (w, b) 只算一次。偏置没有惩罚项，所以没有衰减因子。
    """
    m = X.shape[0]
    r = X @ w + b - y
    return (1 - lr * lam / m) * w - lr * (X.T @ r) / m, float(b - lr * np.mean(r))


def step_size_bound(X, lam):
    """2/L，其中 L 是黑塞矩阵 (X^T X + lam I)/m 的最大特征值（X 已中心化）。

    为什么：特征中心化后，J 关于 w 的黑塞矩阵为 H = (X^T X + lam I)/m。一步梯度下降把沿特征值
    为 nu 的特征向量的误差乘以 (1 - lr * nu)；所有方向都缩小，当且仅当对每个 nu 都有
    |1 - lr * nu| < 1，即 0 < lr < 2/nu_max = 2/L。X^T X 的特征值是 X 的奇异值的平方 s_j^2，
    所以 2/L = 2m / (s_max^2 + lam)。
    """
    s_max = np.linalg.svd(X, compute_uv=False)[0]
    return 2.0 * X.shape[0] / (s_max**2 + lam)
