output "repository_urls" {
  description = "Repository URLs by service (without tag)."
  value       = { for svc, repo in local.repositories : svc => repo.url }
}

output "repository_arns" {
  description = "Repository ARNs by service (the execution role may pull only from its own)."
  value       = { for svc, repo in local.repositories : svc => repo.arn }
}

output "repository_names" {
  description = "Repository names by service."
  value       = { for svc, repo in local.repositories : svc => repo.name }
}
