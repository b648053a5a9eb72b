# i18n-source: solutions/ch01.py sha=548726a562a2
"""笔记本 01（背景）的参考解答，并说明每一行背后的道理。"""

import numpy as np


def poly_features(x, degree):
    """各列为 x^1, x^2, ..., x^degree：形状 (m, degree)，不含常数列。

    为什么：x[:, None] 的形状是 (m, 1)，np.arange(1, degree + 1) 的形状是 (degree,)；
    numpy 对这两者做 ** 时会广播成一张 (m, degree) 的表，
    第 i 行 = (x_i, x_i^2, ..., x_i^degree)。
    没有 x^0 列：这个角色由偏置 b 承担，它单独拟合，且从不受惩罚；如果把常数列放进
    受惩罚的权重里，它就会被错误地惩罚。
    """
    return x[:, None] ** np.arange(1, degree + 1)


def he_std(n_in):
    """He et al. (2015)：std = sqrt(2 / n_in)。

    为什么：一层的预激活值是 n_in 项之和，所以它的方差是 n_in * Var[W] * E[h^2]。
    ReLU 会把大约一半的输入置 0，使每一层的二阶矩 E[h^2] 减半。
    Var[W] = 2 / n_in 使 n_in * Var[W] / 2 = 1，于是信号的大小在前向和反向传播中都
    随深度保持不变（笔记本 01 第 5 节）。练习要求的是标准差，即这个方差的平方根。
    """
    return float(np.sqrt(2.0 / n_in))


def clip_by_norm(g, threshold):
    """Pascanu et al. (2013) 算法 1：若 ||g|| >= threshold，则 g <- threshold * g / ||g||。

    为什么：缩放整个向量能保持它的方向（用 np.clip 逐个分量裁剪则会改变方向）；欧几里得
    范数就是这一步的长度，所以裁剪之后步长恰好等于 `threshold`。短于阈值的梯度原样
    通过：裁剪是防止梯度爆炸的安全网，而不是一种规范化。
    """
    norm = np.linalg.norm(g)                  # sqrt(sum g_i^2)，即欧几里得长度
    if norm >= threshold:
        return g * (threshold / norm)
    return g
