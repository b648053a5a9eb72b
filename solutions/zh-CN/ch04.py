# i18n-source: solutions/ch04.py sha=4a2bdb09c0f1
"""笔记本 04（代码逐步讲解）的参考解答。

J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2，偏置不受惩罚。
"""

import numpy as np


def gd_ridge(X, y, lam, lr, n_iters):
    """从 w = 0、b = 0 出发做 n_iters 步梯度下降；返回 (w, b)。

    为什么：grad_w = X^T r / m + (lam/m) w 是 J 的导数（lam/(2m)||w||^2 中的 1/2 与平方求导
    得到的 2 相消）；grad_b = mean(r) 没有惩罚项，因为偏置只决定 y 的原点。两个梯度都在任一
    参数移动之前由同一个残差算出，每一步都乘以 lr，并且恰好走 n_iters 步。
    """
    m, n = X.shape
    w, b = np.zeros(n), 0.0
    for _ in range(n_iters):
        r = X @ w + b - y
        w = w - lr * (X.T @ r / m + (lam / m) * w)
        b = b - lr * float(np.mean(r))
    return w, b


def max_stable_lr(X, lam):
    """2/L，其中 L 是 J 关于 (w, b) 的黑塞矩阵的最大特征值。

    H = [[X^T X + lam I, X^T 1], [1^T X, m]] / m（X 已中心化时它是分块对角的）。

    为什么：沿 H 的对应于特征值 L 的特征向量，每走一步误差乘以 (1 - lr * L)；对每个
    lr < 2/L 它都会缩小，超过这个界就会增长。惩罚项给 w 块的特征值加上的是 lam/m（而不是
    lam），因为 J 把惩罚项除以了 2m。
    """
    m, n = X.shape
    A = np.hstack([X, np.ones((m, 1))])
    H = A.T @ A / m
    H[:n, :n] += (lam / m) * np.eye(n)
    return 2.0 / float(np.linalg.eigvalsh(H)[-1])


def equivalent_lam(m, lr, n_iters):
    """lam ~ m / (lr * n_iters)：即 GBC 的 alpha ~ 1/(lr * n_iters)，其中 alpha = lam/m。

    为什么：从 w = 0 出发走 T = n_iters 步之后，早停保留 s_j^2/m >~ 1/(lr * T) 的方向并
    抑制其余方向，就像岭回归保留 s_j^2 >~ lam 的方向一样（Goodfellow、Bengio 和 Courville，
    式 7.45）。令两个阈值相等，得到 lam = m / (lr * n_iters)：步数越多，正则化越弱，而且
    学习率与步数同样重要。
    """
    return m / (lr * n_iters)
