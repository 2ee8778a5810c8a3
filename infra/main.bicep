// CareerKit on Azure: a Linux Flex Consumption function app on the .NET 10 isolated worker, its storage account
// (no shared keys: the app's identity has data roles; a lifecycle rule deletes tailored resumes after a day),
// Application Insights on Log Analytics (Entra ID auth only), and a Key Vault holding the SendGrid API key, the token
// signing key and the certificate that encrypts the Data Protection keys, read through Key Vault references.
targetScope = 'resourceGroup'

@description('Short name of this environment, e.g. "prod"; part of every resource name.')
@minLength(2)
@maxLength(12)
param environmentName string

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Public address of the app, the base of every link in emails. Defaults to the function app\'s own address.')
param publicBaseUrl string = ''

@description('SendGrid API key (Mail Send permission). Stored in Key Vault only.')
@secure()
param sendGridApiKey string

@description('Secret of at least 32 characters that signs email links and keys subscriber ids. Generate it once and keep it: changing it changes every subscriber id.')
@secure()
@minLength(32)
param signingKey string

@description('Certificate that encrypts the Data Protection keys (editors\' sessions) the app keeps in Blob storage: a PKCS#12 (PFX) file with its RSA private key and no password, base64-encoded. Stored in Key Vault only. Changing it signs editors out once.')
@secure()
param dataProtectionCertificate string

@description('Sender address of every email (verified in SendGrid).')
param fromEmail string

@description('Sender name of every email.')
param fromName string = 'CareerKit'

@description('Verification key of SendGrid\'s signed event webhook (base64), from SendGrid\'s Mail Settings. Empty until the webhook is set up.')
param sendGridWebhookPublicKey string = ''

@description('NCRONTAB (with seconds, UTC) of the weekly edition.')
param newsletterSchedule string = '0 0 9 * * Mon'

@description('NCRONTAB of the dispatcher that starts editors\' scheduled editions.')
param dispatchSchedule string = '0 * * * * *'

@description('Most instances the app may scale out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var names = {
  storage: take('stck${environmentName}${token}', 24)
  plan: 'plan-careerkit-${environmentName}'
  app: 'func-careerkit-${environmentName}-${take(token, 6)}'
  logs: 'log-careerkit-${environmentName}'
  insights: 'appi-careerkit-${environmentName}'
  vault: take('kv-ck-${environmentName}-${token}', 24)
}
var deploymentContainer = 'app-package'

// Built-in role definition ids.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: names.logs
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.insights
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: names.storage
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainer
}

// A stored tailored resume is reachable only through a link that expires after 24 hours; nothing is kept after that.
// The policy runs about once a day, so "more than 1 day" deletes each one between one and two days after it was made.
resource blobLifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-expired-tailored-resumes'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                'tailored-resumes/' // StoredResumes.ContainerName (no storage prefix here), which the app creates on first use (InfraTests keeps them equal).
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterCreationGreaterThan: 1
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: names.vault
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
  }
}

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'sendgrid-api-key'
  properties: {
    value: sendGridApiKey
  }
}

resource signingSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'signing-key'
  properties: {
    value: signingKey
  }
}

resource dataProtectionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'data-protection-certificate'
  properties: {
    value: dataProtectionCertificate
    contentType: 'application/x-pkcs12'
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: names.plan
  location: location
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: names.app
  location: location
  kind: 'functionapp,linux'
  tags: {
    'azd-service-name': 'app'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storage.name
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: insights.properties.ConnectionString
        }
        {
          // The host's own telemetry authenticates with the app's identity too (local auth is off).
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'Authorization=AAD'
        }
        {
          name: 'CareerKit__PublicBaseUrl'
          value: empty(publicBaseUrl) ? 'https://${names.app}.azurewebsites.net' : publicBaseUrl
        }
        {
          name: 'CareerKit__SigningKey'
          value: '@Microsoft.KeyVault(SecretUri=${signingSecret.properties.secretUri})'
        }
        {
          // The app encrypts Data Protection keys with it (ProtectKeysWithCertificate) before storing them in Blob storage.
          name: 'CareerKit__DataProtectionCertificate'
          value: '@Microsoft.KeyVault(SecretUri=${dataProtectionSecret.properties.secretUri})'
        }
        {
          name: 'SendGrid__ApiKey'
          value: '@Microsoft.KeyVault(SecretUri=${sendGridSecret.properties.secretUri})'
        }
        {
          name: 'SendGrid__FromEmail'
          value: fromEmail
        }
        {
          name: 'SendGrid__FromName'
          value: fromName
        }
        {
          name: 'SendGrid__WebhookPublicKey'
          value: sendGridWebhookPublicKey
        }
        {
          name: 'NEWSLETTER_SCHEDULE'
          value: newsletterSchedule
        }
        {
          name: 'DISPATCH_SCHEDULE'
          value: dispatchSchedule
        }
        {
          // The queue the SendBatch trigger listens to ([QueueTrigger("%SEND_QUEUE_NAME%")]): the account is this
          // installation's own, so no storage prefix, and the app checks at start that it is the queue it writes to.
          name: 'SEND_QUEUE_NAME'
          value: 'send-batches'
        }
        {
          // Azure's front end appends the client's address to X-Forwarded-For: rate limits count that one entry.
          // Set here, not left to the default, so it holds however the app is hosted.
          name: 'CareerKit__TrustedProxyHops'
          value: '1'
        }
      ]
    }
  }
}

resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, app.id, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, app.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('The app\'s address.')
output appUrl string = 'https://${app.properties.defaultHostName}'

@description('The function app\'s name, for az functionapp commands.')
output appName string = app.name

@description('The storage account the app uses.')
output storageAccountName string = storage.name

@description('Where SendGrid\'s event webhook should post.')
output sendGridWebhookUrl string = 'https://${app.properties.defaultHostName}/api/sendgrid/events'
