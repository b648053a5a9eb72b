# i18n-source: solutions/ch02.py sha=9804fdfede1a
"""笔记本 02（损失函数公式）的参考解答，并说明每一行背后的道理。

本课程的目标函数：J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2（L2），偏置不受
惩罚。下面每个函数都由 helpers.exercises.ch02 中对应的 ``check_*`` 检查。
"""


def ridge_objective(w, b, X, y, lam):
    """J(w, b) = 1/(2m) ||X w + b - y||^2 + lam/(2m) ||w||^2（偏置不受惩罚）。

    每个因子的作用：1/m 让数据项成为均值（在不同数据集之间可以比较）；1/2 与求导得到的 2
    相消，于是梯度为 (1/m) X^T r + (lam/m) w；惩罚项除以同一个 m，所以本课程的 lam 就是
    scikit-learn 的 Ridge(alpha)。b 不放进惩罚项，因为收缩它只会把预测值拉向 0，而不是让
    函数更简单。y 要保持一维：形状为 (m, 1) 的列向量 y 会让 X w - y 广播成 (m, m) 的矩阵。
    """
    m = X.shape[0]
    r = X @ w + b - y                         # 残差，形状 (m,)
    return float(r @ r / (2 * m) + lam * (w @ w) / (2 * m))


def standardize(X_train, X_test):
    """用训练集的均值和（ddof=0 的）标准差标准化两份数据。

    为什么只用训练集的统计量：测试集不能参与任何拟合，缩放也不例外；因此测试集各列的均值
    接近 0、标准差接近 1，但并不恰好如此。
    为什么逐列（axis=0）：每个特征有各自的尺度，正是这一点让惩罚项与每个特征的单位无关。
    """
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return (X_train - mean) / std, (X_test - mean) / std


def torch_weight_decay(lam, m):
    """在 nn.MSELoss() 上做全批量 torch.optim.SGD 时，wd = 2 lam / m。

    为什么：nn.MSELoss 是 mean(r^2) = (1/m) ||r||^2，是本课程数据项的两倍。SGD 的
    weight_decay 在梯度上加 wd * w，即 (wd/2) ||w||^2 的梯度。所以 PyTorch 最小化的是
    (1/m) ||r||^2 + (wd/2) ||w||^2，而 2 J = (1/m) ||r||^2 + (lam/m) ||w||^2 在
    wd/2 = lam/m，即 wd = 2 lam / m 时有相同的最小值点。
    """
    return 2.0 * lam / m


def map_lambda(sigma, tau):
    """高斯噪声 N(0, sigma^2)、高斯先验 w_j ~ N(0, tau^2)：lam = sigma^2 / tau^2。

    为什么：-log p(w, b | X, y) = ||r||^2 / (2 sigma^2) + ||w||^2 / (2 tau^2) + 常数。乘以
    sigma^2 / m（正的因子不改变最小值点），得到 1/(2m) ||r||^2 +
    (sigma^2/tau^2)/(2m) ||w||^2，这正是 lam = sigma^2 / tau^2 时的 J。
    """
    return sigma**2 / tau**2


def laplace_map_lambda(sigma, tau):
    """高斯噪声 N(0, sigma^2)、拉普拉斯先验 p(w_j) ~ exp(-|w_j|/tau)：lam = sigma^2/tau。

    为什么：-log p(w, b | X, y) = ||r||^2 / (2 sigma^2) + ||w||_1 / tau + 常数。乘以
    sigma^2 / m：1/(2m) ||r||^2 + (sigma^2/tau)/m ||w||_1，这正是本课程的套索回归目标函数
    1/(2m) ||r||^2 + lam/m ||w||_1，其中 lam = sigma^2 / tau。
    """
    return sigma**2 / tau
