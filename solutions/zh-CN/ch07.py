# i18n-source: solutions/ch07.py sha=ecc7a0c4b807
"""笔记本 07（高维与常见问题）练习的参考解答，附推理过程。

记号：m 为样本数，n 为特征数，gamma = n/m，sigma^2 为噪声方差，w_norm = ||w*|| 为真实权重
w* 的范数（信号强度），lam 采用课程约定
J = 1/(2m)||Xw + b - y||^2 + lam/(2m)||w||^2。
"""

import numpy as np

from helpers import effective_df, ridge_closed_form


def min_norm_weights(X, y):
    """不带偏置时范数最小的最小二乘解：w = X^T (X X^T)^-1 y（m <= n）。

    为什么是这个形式：每个精确拟合都可以写成 w = w0 + v，其中 X v = 0。最短的那个在 X 的
    零空间中没有分量，所以它位于行空间中：对某个 a ∈ R^m 有 w = X^T a。于是 X w = y 变成
    一个小的 m x m 方程组 (X X^T) a = y，当 X 行满秩时它可逆。`np.linalg.pinv(X) @ y` 给出
    同样的 w；而求解 n x n 的正规方程 X^T X w = X^T y 行不通，因为 n > m 时 X^T X 是奇异的。
    """
    a = np.linalg.solve(X @ X.T, y)     # (m,)：w 在 X 各行上的系数
    return X.T @ a


def min_norm_risk(gamma, sigma, w_norm):
    """HMRT 给出的最小范数拟合的渐近超额风险，gamma = n/m != 1。

    gamma < 1：拟合就是普通最小二乘，无偏，方差为 sigma^2 gamma/(1-gamma)，当 n -> m 时
    急剧增大（X 的最小奇异值趋于 0）。
    gamma > 1：偏差 w_norm^2 (1 - 1/gamma)，即 w* 落在 X 零空间中的部分（对各向同性的 x，
    占其中 1 - m/n 的比例），加上方差 sigma^2/(gamma - 1)，方差随着噪声分摊到更多方向而下降。
    两个分支都是正的：风险是均方值。
    """
    if gamma < 1:
        return sigma**2 * gamma / (1 - gamma)
    return w_norm**2 * (1 - 1 / gamma) + sigma**2 / (gamma - 1)


def optimal_lam(m, n, sigma, w_norm):
    """lam = sigma^2 / tau^2，其中 tau^2 = w_norm^2 / n：即 n sigma^2 / w_norm^2（m 不起作用）。

    为什么：对于各向同性的 x，固定 w* 处的风险等于在先验 w* ~ N(0, (w_norm^2/n) I) 上的
    平均风险，而高斯先验下最好的岭回归就是笔记本 02 的 MAP 规则 lam = sigma^2 / tau^2
    （按课程约定，lam 乘在 1/(2m)||w||^2 上，与 1/(2m)||Xw - y||^2 并列，所以 m 被约掉）。
    HMRT 的逐样本惩罚为 lam/m = gamma sigma^2 / w_norm^2。
    """
    return n * sigma**2 / w_norm**2


def gcv_score(X, y, lam):
    """GCV(lam) = (1/m)||y - y_hat||^2 / (1 - tr(H)/m)^2，H 为帽子矩阵，tr(H) = 1 + df(lam)。

    为什么要有分母：训练误差是乐观的，拟合越能弯向每个点，它就越乐观；tr(H) 衡量这种灵活性
    （偏置占 1，权重占 df(lam)）。当 n > m 且 lam -> 0 时拟合会插值：分子趋于 0，但
    1 - tr(H)/m 也趋于 0，于是 GCV 仍然诚实。直接使用 lam（而不是 lam/m）：df 由中心化后
    X 的奇异值 s_j 算出，df = sum s_j^2 / (s_j^2 + lam)。
    """
    m = X.shape[0]
    w, b = ridge_closed_form(X, y, lam)
    train_mse = np.mean((X @ w + b - y) ** 2)       # 用均值，不是总和，也不取平方根
    trace = 1 + effective_df(X, [lam])[0]           # effective_df 接收列表：每个 lam 一个 df
    return float(train_mse / (1 - trace / m) ** 2)
