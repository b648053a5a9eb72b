# i18n-source: solutions/ch06.py sha=b6994f387722
"""笔记本 06（深度网络）练习的参考解答，附推理过程。

记号：m 为训练样本数，lam 为课程约定下的正则化常数 λ（J = 数据损失的均值 +
lam/(2m) sum ||W||_F^2），lr 为学习率，weight_decay（wd）为解耦衰减系数，q = 1 - rate
为暂退法的保留概率（PyTorch 的 nn.Dropout(p) 接收的是暂退概率 p = rate）。
"""

import numpy as np


def dense_backward_l2(A, W, b, grad_out, lam, m):
    """全连接层 out = A W + b 在 J = 数据损失 + lam/(2m) ||W||^2 下的梯度。

    A : (m_b, n_in)，W : (n_in, n_out)，b : (n_out,)，grad_out = dJ/d(out) : (m_b, n_out)。
    返回 (grad_W, grad_b)：偏置没有惩罚项。

    为什么：out = A W + b，所以 d out / d W_ij 把 A^T 的第 i 行与 grad_out 的第 j 列配对，
    得到 A^T grad_out（求均值的 1/m_b 已经包含在 grad_out 中，所以对批量求和即可，不要再
    取一次平均）。惩罚项 lam/(2m)||W||_F^2 的导数是 (lam/m) W：平方带来的 2 与 1/2 相消，
    而 m 是训练集的大小，不是批量大小。b 不在惩罚项中，所以 grad_b 就是 grad_out 在批量上的
    简单求和。
    """
    grad_W = A.T @ grad_out + (lam / m) * W
    grad_b = grad_out.sum(axis=0)
    return grad_W, grad_b


def adamw_step(w, grad, mom, vel, t, lr, weight_decay, beta1=0.9, beta2=0.999, eps=1e-8):
    """与 PyTorch 相同的 AdamW 一步：先衰减旧权重，再做 Adam 步（t >= 1）。

    mom、vel：梯度及其平方的滑动平均（即 Kingma & Ba 的 m 和 v；本课程中 m 留作样本数）。

    为什么是这个顺序：解耦衰减在矩估计之外把*旧*权重收缩 lr * weight_decay，所以这部分收缩
    不会被除以 sqrt(vel_hat)（这正是它与 Adam + L2 的区别，见 Loshchilov & Hutter 2019）。
    矩估计从 0 开始，因此在第 t 步它们分别按因子 1 - beta1**t 和 1 - beta2**t 偏向 0；
    第一步时 t = 1。eps 放在平方根之后，即 sqrt(vel_hat) + eps（PyTorch 的约定）：它只在梯度
    很小时起作用，此时它限制了步长。要返回更新后的矩：下一步需要用到它们。
    """
    w = w - lr * weight_decay * w
    mom = beta1 * mom + (1 - beta1) * grad
    vel = beta2 * vel + (1 - beta2) * grad**2
    mom_hat = mom / (1 - beta1**t)
    vel_hat = vel / (1 - beta2**t)
    return w - lr * mom_hat / (np.sqrt(vel_hat) + eps), mom, vel


def inverted_dropout(a, rate, rng):
    """当 u < 1 - rate（u = rng.random(a.shape)）时保留该元素，再除以 1 - rate。

    为什么：每个元素以保留概率 q = 1 - rate 留下，所以 E[mask] = q，把保留下来的元素除以 q
    就使 E[output] = a：评估时无须任何重新缩放。从参数 rng 中抽取随机数（而不是全局的
    np.random），运行结果才可复现。
    """
    keep = 1.0 - rate  # q，保留概率
    mask = rng.random(a.shape) < keep
    return a * mask / keep
