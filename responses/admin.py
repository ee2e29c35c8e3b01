"""Nothing of the respondent side is in the admin, on purpose.

The admin is for site operators (config.admin_site), and operators have no business reading
answers, resume or receipt hashes, invitation codes' hashes or volunteers' contact details, nor
deleting a response behind the withdrawal process. Researchers see responses through their survey
roles; counts are on the survey's admin page (surveys.admin).
"""
