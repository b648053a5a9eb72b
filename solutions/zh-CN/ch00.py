# i18n-source: solutions/ch00.py sha=d2f0cdda67fa
"""笔记本 00（从这里开始）的参考解答，并说明每一行背后的道理。"""

import numpy as np


def mean_squared_error(y, y_hat):
    """MSE = (1/m) sum_i (y_i - y_hat_i)^2，即各笔记本在留出数据上报告的误差。

    为什么写成这样：
    - 先把每个残差平方，*再*取平均：如果先取平均，正负误差会相互抵消（一个模型在一半
      的点上偏 +1、在其余点上偏 -1，得分会是 0）。
    - 除以 m，而不是 2m：目标函数 J 中的 1/2 只是为了让梯度的形式简洁；我们报告的误差
      是普通的均值，这样才能与噪声方差 sigma^2 相比较。
    - 不开平方根：开方得到的是 RMSE（均方根误差），单位与 y 相同；本课程报告的是 MSE。
    - 两个数组都保持形状 (m,)。如果其中一个是列 (m, 1)，numpy 会把 y - y_hat 广播成
      一张包含所有配对的 (m, m) 表，得到的均值就毫无意义了。
    """
    y, y_hat = np.ravel(y), np.ravel(y_hat)
    residual = y - y_hat                      # 形状 (m,)
    return float(np.mean(residual**2))        # 等价于 residual @ residual / m


def ridge_bias(X, y, w):
    """给定权重时的最佳偏置：b = mean(y) - mean(X, axis=0) @ w。

    为什么：偏置不受惩罚，所以 J 只通过数据项 (1/(2m)) sum_i (x_i^T w + b - y_i)^2
    依赖于 b。令它的导数 (1/m) sum_i (x_i^T w + b - y_i) 等于零，得到
    b = y_bar - x_bar^T w：无论 lambda 取何值，拟合出的直线（平面）都穿过数据的中心
    (x_bar, y_bar)。x_bar 对每个特征各有一个均值（形状 (n,)），这就是为什么只要
    n > 1，X.mean()（对所有元素只求一个数）就是错的。
    """
    x_bar = X.mean(axis=0)                    # 形状 (n,)：每个特征一个均值
    return float(np.mean(y) - x_bar @ w)      # 等价于 np.mean(y - X @ w)
