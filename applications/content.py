"""The 利用目的 (purpose of use) of the personal data the application asks for, shown on the form
and the 確認 page. (The questions themselves are described in ``sections``.)"""

PURPOSE_OF_USE = [
    "申込み内容の確認、審査及び申込者への連絡",
    "サポーターズ紹介ページへの掲載（「サポーターズ紹介ページへの掲載」欄の項目に限ります）",
    "NEXT TOHOKU MEETUP の取組に関する御案内",
]
PURPOSE_OF_USE_NOTES = [
    "取得した個人情報は、東北経済産業局 総務企画部 企画調査課が、個人情報の保護に関する法律に基づき適切に管理します。",
    "閲覧できる職員は審査の担当者に限り、閲覧の記録を残します。",
    "法令に基づく場合を除き、御本人の同意なく第三者に提供することはありません。",
    "却下又は取下げとなった申込みの個人情報は、一定期間の経過後に削除します。",
]
