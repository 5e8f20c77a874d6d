output "bucket_name" {
  description = "Name of the private site bucket (tcm-<env>-frontend-<account id>)."
  value       = aws_s3_bucket.site.id
}

output "bucket_arn" {
  description = "ARN of the site bucket."
  value       = aws_s3_bucket.site.arn
}

output "distribution_id" {
  description = "ID of the CloudFront distribution (invalidations)."
  value       = aws_cloudfront_distribution.this.id
}

output "distribution_arn" {
  description = "ARN of the CloudFront distribution."
  value       = aws_cloudfront_distribution.this.arn
}

output "distribution_domain_name" {
  description = "Domain name of the CloudFront distribution (*.cloudfront.net)."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "distribution_hosted_zone_id" {
  description = "Route53 zone id of the distribution (alias records)."
  value       = aws_cloudfront_distribution.this.hosted_zone_id
}

output "log_bucket_name" {
  description = "Bucket of the CloudFront and S3 access logs."
  value       = aws_s3_bucket.logs.id
}

output "web_acl_arn" {
  description = "ARN of the CloudFront web ACL."
  value       = aws_wafv2_web_acl.this.arn
}
